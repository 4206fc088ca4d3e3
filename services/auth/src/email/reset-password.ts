import type { AuthContext } from '../deps.js';
import { limitLinkUse } from '../limits/limit-attempts.js';
import { hashPassword } from '../passwords/hash-password.js';
import { revokeAccessTokens } from '../sessions/sign-out-everywhere.js';
import { findUserById } from '../users/repo.js';
import { notifyPasswordChanged, replacePassword } from '../users/replace-password.js';
import { markEmailVerified, useEmailToken } from './email-tokens.js';

/**
 * Sets a new password from a reset link: the token is used up, every session is signed out as
 * after a password change, the address counts as confirmed (the link reached it), and the
 * owner is told.
 */
export async function resetPassword({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: { token: string; newPassword: string; ip: string };
}): Promise<void> {
  await limitLinkUse(ctx, input.ip);
  // Hashed before the transaction: argon2 takes a while and the token's row stays locked in it.
  const passwordHash = await hashPassword(input.newPassword);
  const at = ctx.now();
  const { userId, revoked } = await ctx.db.transaction().execute(async (trx) => {
    const { userId } = await useEmailToken(trx, {
      token: input.token,
      purpose: 'reset-password',
      now: at,
    });
    await markEmailVerified(trx, userId, at);
    const revoked = await replacePassword(ctx, trx, {
      userId,
      keepSessionId: undefined,
      passwordHash,
    });
    return { userId, revoked };
  });
  await revokeAccessTokens(ctx, revoked);
  const user = await findUserById(ctx.db, userId);
  if (user) notifyPasswordChanged(ctx, user.email);
}
