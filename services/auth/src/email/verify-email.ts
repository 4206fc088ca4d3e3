import type { AuthContext } from '../deps.js';
import { limitLinkUse } from '../limits/limit-attempts.js';
import { appLink, VERIFY_LINK_TTL_SECONDS, verifyEmailMail } from '../mail/messages.js';
import { sendInBackground } from '../mail/send-mail.js';
import type { UserRow } from '../users/repo.js';
import { createEmailToken, markEmailVerified, useEmailToken } from './email-tokens.js';

/** The web app's page that reads a verification link's token. */
export const VERIFY_PAGE = '/verify-email';

/** Mails a new account the link that confirms its address. */
export async function sendVerification(ctx: AuthContext, user: UserRow): Promise<void> {
  const mail = ctx.mail;
  if (!mail) return;
  const token = await createEmailToken(ctx.db, {
    userId: user.id,
    purpose: 'verify-email',
    now: ctx.now(),
    ttlSeconds: VERIFY_LINK_TTL_SECONDS,
  });
  sendInBackground(
    ctx,
    'verify-email',
    verifyEmailMail(user.email, appLink(mail.appUrl, VERIFY_PAGE, token)),
  );
}

/** Confirms an account's address from the link mailed at sign-up; the link works once. */
export async function verifyEmail({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: { token: string; ip: string };
}): Promise<void> {
  await limitLinkUse(ctx, input.ip);
  const at = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { userId } = await useEmailToken(trx, {
      token: input.token,
      purpose: 'verify-email',
      now: at,
    });
    await markEmailVerified(trx, userId, at);
  });
}
