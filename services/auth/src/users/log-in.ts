import { AppError } from '@gomeet/platform';
import type { LoginBody, Session } from '@gomeet/protocol';
import { refuseBlockedSignIn } from '../admin/blocked-sign-in.js';
import type { AuthContext } from '../deps.js';
import { clearSignIn, limitSignIn, recordFailedSignIn } from '../limits/limit-attempts.js';
import { confirmsAddresses } from '../mail/send-mail.js';
import { refusePasswordsWhenSsoOnly } from '../oidc/password-login.js';
import { verifyAgainstDummy, verifyPassword } from '../passwords/hash-password.js';
import { issueSession } from '../sessions/issue-session.js';
import { insertRefreshToken } from '../sessions/repo.js';
import { findUserByEmail } from './repo.js';

/**
 * Signs in with email and password; when addresses are confirmed by mail, only once confirmed
 * (told only to someone who knows the password). A wrong email and a wrong password give the same error
 * after the same work (a dummy hash check), so accounts cannot be discovered.
 */
export async function logIn({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: LoginBody & { ip: string };
}): Promise<Session> {
  refusePasswordsWhenSsoOnly(ctx);
  const attempt = { account: input.email, ip: input.ip };
  await limitSignIn(ctx, attempt);
  const user = await findUserByEmail(ctx.db, input.email);
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await recordFailedSignIn(ctx, input.ip);
    throw new AppError('UNAUTHENTICATED', 'The email or password is incorrect.', {
      type: 'invalid-credentials',
    });
  }
  if (confirmsAddresses(ctx) && !user.email_verified_at) {
    throw new AppError(
      'FORBIDDEN',
      'Confirm your email address first: open the link we mailed you. No mail? Use "Forgot password?".',
      { type: 'email-not-verified' },
    );
  }
  refuseBlockedSignIn(user);
  await clearSignIn(ctx, attempt);
  const refresh = await insertRefreshToken(ctx.db, {
    userId: user.id,
    now: ctx.now(),
    ttlSeconds: ctx.refreshTokenTtlSeconds,
  });
  return issueSession(ctx, user, refresh);
}
