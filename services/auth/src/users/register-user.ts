import { randomUUID } from 'node:crypto';
import { AppError } from '@gomeet/platform';
import type { RegisterBody, Session } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { limitRegistration } from '../limits/limit-attempts.js';
import { hashPassword } from '../passwords/hash-password.js';
import { issueSession } from '../sessions/issue-session.js';
import { insertRefreshToken } from '../sessions/repo.js';
import { insertUser, type UserRow } from './repo.js';

/** Creates an account and signs it in. */
export async function registerUser({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: RegisterBody & { ip: string };
}): Promise<Session> {
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
  };
  const refresh = await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertUser(trx, user))) {
      throw new AppError('CONFLICT', 'An account with this email already exists.', {
        type: 'email-taken',
      });
    }
    return insertRefreshToken(trx, {
      userId: user.id,
      now: at,
      ttlSeconds: ctx.refreshTokenTtlSeconds,
    });
  });
  return issueSession(ctx, user, refresh);
}
