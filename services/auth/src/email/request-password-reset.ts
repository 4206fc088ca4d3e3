import type { AuthContext } from '../deps.js';
import { limitMailRequest } from '../limits/limit-attempts.js';
import { appLink, RESET_LINK_TTL_SECONDS, resetPasswordMail } from '../mail/messages.js';
import { sendInBackground } from '../mail/send-mail.js';
import { findUserByEmail } from '../users/repo.js';
import { createEmailToken } from './email-tokens.js';

/** The web app's page that reads a reset link's token. */
export const RESET_PAGE = '/reset-password';

/**
 * Mails a reset link when the address has an account. The answer is the same either way and
 * the mail goes out in the background, so neither the answer nor its timing tells whether it
 * has one.
 */
export async function requestPasswordReset({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: { email: string; ip: string };
}): Promise<void> {
  await limitMailRequest(ctx, { account: input.email, ip: input.ip });
  const mail = ctx.mail;
  if (!mail) return;
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) return;
  const token = await createEmailToken(ctx.db, {
    userId: user.id,
    purpose: 'reset-password',
    now: ctx.now(),
    ttlSeconds: RESET_LINK_TTL_SECONDS,
  });
  const link = appLink(mail.appUrl, RESET_PAGE, token);
  sendInBackground(ctx, 'reset-password', resetPasswordMail(user.email, link));
}
