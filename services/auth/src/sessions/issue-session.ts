import type { Session } from '@gomeet/protocol';
import { presentAccount } from '../admin/admin-role.js';
import type { AuthContext } from '../deps.js';
import { signAccessToken } from '../keys/sign-access-token.js';
import type { UserRow } from '../users/repo.js';

/**
 * Builds the session body for a user whose refresh token was just stored: signs an access
 * token that names the session (`sid`), so logout can revoke it without the refresh token.
 * Call it after the transaction that stored the token committed.
 */
export async function issueSession(
  ctx: AuthContext,
  user: UserRow,
  refresh: { token: string; familyId: string },
): Promise<Session> {
  const account = await presentAccount(ctx, user);
  const admin = account.admin === true;
  const accessToken = await signAccessToken(ctx, {
    subject: user.id,
    claims: {
      kind: 'user',
      name: user.display_name,
      email: user.email,
      sid: refresh.familyId,
      // Other services read the admin role from the token, without asking auth.
      ...(admin ? { adm: true } : {}),
    },
    ttlSeconds: ctx.accessTokenTtlSeconds,
  });
  return {
    user: account,
    accessToken,
    refreshToken: refresh.token,
    expiresIn: ctx.accessTokenTtlSeconds,
    tokenType: 'Bearer',
  };
}
