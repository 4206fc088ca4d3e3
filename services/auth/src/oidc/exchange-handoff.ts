import { AppError } from '@gomeet/platform';
import type { Session } from '@gomeet/protocol';
import { accountDisabled } from '../admin/blocked-sign-in.js';
import type { AuthContext } from '../deps.js';
import { issueSession } from '../sessions/issue-session.js';
import { insertRefreshToken } from '../sessions/repo.js';
import { findUserById } from '../users/repo.js';
import { consumeHandoff } from './repo.js';

/**
 * Trades the one-time code the callback handed the web app for a session, the same as a
 * password sign-in gives. The code never reaches the server in a URL (it travels in the
 * fragment), counts once and lasts a minute.
 */
export async function exchangeHandoff({
  ctx,
  code,
}: {
  ctx: AuthContext;
  code: string;
}): Promise<Session> {
  const userId = await consumeHandoff(ctx.db, code, ctx.now());
  const user = userId ? await findUserById(ctx.db, userId) : undefined;
  if (!user)
    throw new AppError(
      'UNAUTHENTICATED',
      'This single sign-on has expired or was already used. Sign in again.',
      { type: 'sso-handoff-invalid' },
    );
  // Disabled between the callback and now: refused like a password sign-in.
  if (user.disabled_at) throw accountDisabled();
  const refresh = await insertRefreshToken(ctx.db, {
    userId: user.id,
    now: ctx.now(),
    ttlSeconds: ctx.refreshTokenTtlSeconds,
  });
  return issueSession(ctx, user, refresh);
}
