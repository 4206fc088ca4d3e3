import { AppError } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';
import { revokeOtherFamilies } from './repo.js';

/**
 * Makes the access tokens of revoked sessions stop working at once, on every process; call it
 * after the transaction that revoked their refresh tokens committed.
 */
export async function revokeAccessTokens(ctx: AuthContext, familyIds: string[]): Promise<void> {
  const ttlMs = ctx.accessTokenTtlSeconds * 1000;
  await Promise.all(familyIds.map((familyId) => ctx.revocations.revoke(familyId, ttlMs)));
}

/** Signs out every session of the user, the one asking included. */
export async function signOutEverywhere({
  ctx,
  userId,
}: {
  ctx: AuthContext;
  userId: string;
}): Promise<void> {
  const revoked = await revokeOtherFamilies(ctx.db, userId, undefined, ctx.now());
  await revokeAccessTokens(ctx, revoked);
}

/** Signs out one of the user's sessions (another browser); 404 when it is not theirs or over. */
export async function signOutSession({
  ctx,
  userId,
  sessionId,
}: {
  ctx: AuthContext;
  userId: string;
  sessionId: string;
}): Promise<void> {
  const rows = await ctx.db
    .updateTable('auth_refresh_tokens')
    .set({ revoked_at: ctx.now() })
    .where('family_id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('family_id')
    .execute();
  if (rows.length === 0)
    throw new AppError('NOT_FOUND', 'There is no such session, or it has already ended.', {
      type: 'session-not-found',
    });
  await revokeAccessTokens(ctx, [sessionId]);
}
