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
