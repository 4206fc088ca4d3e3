import { AppError } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';
import { clearPasswordChange, limitPasswordChange } from '../limits/limit-attempts.js';
import { hashPassword, verifyPassword } from '../passwords/hash-password.js';
import { revokeAccessTokens } from '../sessions/sign-out-everywhere.js';
import { findUserById } from './repo.js';
import { notifyPasswordChanged, replacePassword } from './replace-password.js';

/**
 * Replaces the password after checking the current one, then signs out every other session,
 * their access tokens included (revoked on every process), and mails the owner a notice.
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
  const revoked = await ctx.db
    .transaction()
    .execute((trx) =>
      replacePassword(ctx, trx, { userId, keepSessionId: sessionId, passwordHash }),
    );
  await revokeAccessTokens(ctx, revoked);
  notifyPasswordChanged(ctx, user.email);
}
