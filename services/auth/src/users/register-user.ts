import { randomUUID } from 'node:crypto';
import { AppError } from '@gomeet/platform';
import type { RegisterBody, Session } from '@gomeet/protocol';
import { claimFirstAdmin } from '../admin/admin-role.js';
import type { AuthContext } from '../deps.js';
import { RESET_PAGE } from '../email/request-password-reset.js';
import { sendVerification } from '../email/verify-email.js';
import { limitRegistration } from '../limits/limit-attempts.js';
import { signUpAttemptMail } from '../mail/messages.js';
import { confirmsAddresses, sendInBackground } from '../mail/send-mail.js';
import { refusePasswordsWhenSsoOnly } from '../oidc/password-login.js';
import { hashPassword } from '../passwords/hash-password.js';
import { issueSession } from '../sessions/issue-session.js';
import { insertRefreshToken } from '../sessions/repo.js';
import { insertUser, type UserRow } from './repo.js';

/** Registration's answer when the address must be confirmed first. */
export type RegistrationPending = { status: 'check-email' };

/**
 * Creates an account. When mail goes out over SMTP, nobody is signed in and the answer is the
 * same whether or not the address had an account: a new account gets a verification link, an
 * existing one's owner a "someone tried to sign up" notice. Otherwise the account is signed in
 * at once (409 for a taken address) and still sent its verification link.
 */
export async function registerUser({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: RegisterBody & { ip: string };
}): Promise<Session | RegistrationPending> {
  refusePasswordsWhenSsoOnly(ctx);
  // Hashing is the expensive part of sign-up; a per-IP limit keeps it from becoming a CPU lever.
  await limitRegistration(ctx, input.ip);
  const at = ctx.now();
  const user: UserRow = {
    id: randomUUID(),
    email: input.email.toLowerCase(),
    display_name: input.displayName,
    password_hash: await hashPassword(input.password),
    created_at: at,
    updated_at: at,
    email_verified_at: null,
    disabled_at: null,
    password_reset_required_at: null,
  };
  if (confirmsAddresses(ctx)) return registerPending(ctx, user);
  const refresh = await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertUser(trx, user))) {
      throw new AppError('CONFLICT', 'An account with this email already exists.', {
        type: 'email-taken',
      });
    }
    await claimFirstAdmin(trx, user.id, at);
    return insertRefreshToken(trx, {
      userId: user.id,
      now: at,
      ttlSeconds: ctx.refreshTokenTtlSeconds,
    });
  });
  await sendVerification(ctx, user);
  return issueSession(ctx, user, refresh);
}

async function registerPending(ctx: AuthContext, user: UserRow): Promise<RegistrationPending> {
  if (await insertUser(ctx.db, user)) {
    await claimFirstAdmin(ctx.db, user.id, user.created_at);
    await sendVerification(ctx, user);
  } else if (ctx.mail) {
    const resetPage = new URL(RESET_PAGE, ctx.mail.appUrl).toString();
    sendInBackground(ctx, 'sign-up-attempt', signUpAttemptMail(user.email, resetPage));
  }
  return { status: 'check-email' };
}
