import type { AuthContext } from '../deps.js';
import type { OutgoingMail } from './mailer.js';

/**
 * Sends account mail without holding up the answer: a slow or failing SMTP server neither
 * shows in the response time (which would tell whether an account exists) nor undoes what the
 * user did. A failure is logged by its code only; SMTP errors may quote the server's reply.
 */
export function sendInBackground(ctx: AuthContext, kind: string, mail: OutgoingMail): void {
  if (!ctx.mail) return;
  ctx.mail.mailer.send(mail).catch((error: unknown) => {
    const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number };
    ctx.log.error({ mail: kind, code, responseCode }, 'account mail could not be sent');
  });
}

/**
 * Whether sign-up waits for the address to be confirmed: only when mail really leaves the
 * machine. With a mail folder, nobody but the operator could read the link.
 */
export function confirmsAddresses(ctx: Pick<AuthContext, 'mail'>): boolean {
  return ctx.mail?.mailer.delivery.mode === 'smtp';
}
