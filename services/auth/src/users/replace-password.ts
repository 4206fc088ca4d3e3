import type { AuthDb } from '../db.js';
import type { AuthContext } from '../deps.js';
import { passwordChangedMail } from '../mail/messages.js';
import { sendInBackground } from '../mail/send-mail.js';
import { revokeOtherFamilies } from '../sessions/repo.js';
import { updateUser } from './repo.js';

/**
 * In the caller's transaction: stores the new password hash and revokes every session but
 * `keepSessionId` (none for a reset). Returns the revoked sessions, for revokeAccessTokens.
 */
export async function replacePassword(
  ctx: AuthContext,
  trx: AuthDb,
  input: { userId: string; keepSessionId: string | undefined; passwordHash: string },
): Promise<string[]> {
  const at = ctx.now();
  // A new password is what an admin's "force password reset" waited for.
  await updateUser(trx, input.userId, {
    password_hash: input.passwordHash,
    password_reset_required_at: null,
    updated_at: at,
  });
  return revokeOtherFamilies(trx, input.userId, input.keepSessionId, at);
}

/** Tells the owner their password changed, so a change they did not make does not go unseen. */
export function notifyPasswordChanged(ctx: AuthContext, email: string): void {
  sendInBackground(ctx, 'password-changed', passwordChangedMail(email));
}
