import type { AuthContext } from '../deps.js';
import { findRefreshToken, revokeFamily } from './repo.js';

/**
 * Signs a session out by revoking its refresh family: the one the given refresh token belongs
 * to, else the one the access token names. A token of someone else's session is ignored, and
 * an unknown one is not an error, so logout can always be retried. The session's access tokens
 * are revoked too (SessionRevocations), so they stop working before they expire.
 */
export async function endSession({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: { userId: string; sessionId: string | undefined; refreshToken: string | undefined };
}): Promise<void> {
  let familyId = input.sessionId;
  if (input.refreshToken) {
    const row = await findRefreshToken(ctx.db, input.refreshToken);
    if (row?.user_id === input.userId) familyId = row.family_id;
  }
  if (!familyId) return;
  await revokeFamily(ctx.db, familyId, input.userId, ctx.now());
  // Access tokens of the session stop working at once, on every pod and open socket.
  await ctx.revocations.revoke(familyId, ctx.accessTokenTtlSeconds * 1000);
}
