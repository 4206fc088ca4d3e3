import { AppError } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';
import { clearPasswordChange, limitPasswordChange } from '../limits/limit-attempts.js';
import { hashPassword, verifyPassword } from '../passwords/hash-password.js';
import { revokeOtherFamilies } from '../sessions/repo.js';
import { findUserById, updateUser } from './repo.js';

/**
 * Replaces the password after checking the current one, then signs out every other session,
 * their access tokens included (revoked on every process).
 */
export async function changePassword({
  ctx,
  userId,
  sessionId,
  input,
}: {
  ctx: AuthContext;
  userId: string;
  sessionId: string | undefined;
  input: { currentPassword: string; newPassword: string };
}): Promise<void> {
  // Limited like login: a stolen access token must not become a password-guessing oracle.
  await limitPasswordChange(ctx, userId);
  const user = await findUserById(ctx.db, userId);
  if (!user)
    throw new AppError('NOT_FOUND', 'This account no longer exists.', {
      type: 'account-not-found',
    });
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('FORBIDDEN', 'The current password is incorrect.', {
      type: 'wrong-password',
    });
  }
  await clearPasswordChange(ctx, userId);
  const passwordHash = await hashPassword(input.newPassword);
  const at = ctx.now();
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { password_hash: passwordHash, updated_at: at });
    return revokeOtherFamilies(trx, userId, sessionId, at);
  });
  const ttlMs = ctx.accessTokenTtlSeconds * 1000;
  await Promise.all(revoked.map((familyId) => ctx.revocations.revoke(familyId, ttlMs)));
}
