import { AppError } from '@gomeet/platform';
import type { Session } from '@gomeet/protocol';
import { accountDisabled } from '../admin/blocked-sign-in.js';
import type { AuthContext } from '../deps.js';
import { findUserById, type UserRow } from '../users/repo.js';
import { issueSession } from './issue-session.js';
import {
  findRefreshTokenForUpdate,
  insertRefreshToken,
  markRotated,
  revokeFamily,
} from './repo.js';

type Outcome =
  | { ok: true; user: UserRow; refresh: { token: string; familyId: string } }
  | { ok: false; error: AppError };

const invalid = () =>
  new AppError('UNAUTHENTICATED', 'The refresh token is not valid. Sign in again.', {
    type: 'invalid-refresh-token',
  });

/**
 * Exchanges a refresh token for a new pair and retires the old one. Presenting a token that was
 * already exchanged means it leaked (or a client raced itself): the whole family is revoked, so
 * whoever holds the newest token is signed out too.
 */
export async function refreshSession({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: { refreshToken: string };
}): Promise<Session> {
  const at = ctx.now();
  // The transaction returns the failure instead of throwing it, so a reuse revocation commits.
  let reusedFamily: string | undefined;
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await findRefreshTokenForUpdate(trx, input.refreshToken);
    const owner = row && (await findUserById(trx, row.user_id));
    // Disabling revoked the session too; say why rather than "not valid".
    if (owner?.disabled_at) return { ok: false, error: accountDisabled() };
    if (!row || row.revoked_at) return { ok: false, error: invalid() };
    if (row.rotated_at) {
      await revokeFamily(trx, row.family_id, row.user_id, at);
      reusedFamily = row.family_id;
      const error = new AppError(
        'UNAUTHENTICATED',
        'This refresh token was already used; the session is now closed. Sign in again.',
        {
          type: 'refresh-token-reused',
        },
      );
      return { ok: false, error };
    }
    if (row.expires_at.getTime() <= at.getTime()) {
      return {
        ok: false,
        error: new AppError('UNAUTHENTICATED', 'The session has expired. Sign in again.', {
          type: 'refresh-token-expired',
        }),
      };
    }
    const user = owner;
    if (!user) return { ok: false, error: invalid() };
    await markRotated(trx, row.id, at);
    const refresh = await insertRefreshToken(trx, {
      userId: user.id,
      familyId: row.family_id,
      now: at,
      ttlSeconds: ctx.refreshTokenTtlSeconds,
    });
    return { ok: true, user, refresh };
  });
  if (!outcome.ok) {
    // A stolen refresh token was replayed: its session's access tokens stop working too.
    if (reusedFamily) await ctx.revocations.revoke(reusedFamily, ctx.accessTokenTtlSeconds * 1000);
    throw outcome.error;
  }
  return issueSession(ctx, outcome.user, outcome.refresh);
}
