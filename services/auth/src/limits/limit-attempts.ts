import { createHash } from 'node:crypto';
import { AppError } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';

// Emails are hashed before they become counter keys, so Redis never holds them in clear.
function accountKey(scope: string, account: string): string {
  return `auth:${scope}:acct:${createHash('sha256').update(account.toLowerCase()).digest('base64url')}`;
}

function ipKey(scope: string, ip: string): string {
  return `auth:${scope}:ip:${ip}`;
}

/**
 * Counts one attempt against the per-IP and (when given) per-account limits and refuses it
 * with 429 and Retry-After when either is spent. `scope` separates login from other actions.
 */
export async function limitAttempts(
  ctx: Pick<AuthContext, 'rateLimiter' | 'loginLimits'>,
  input: { scope: string; ip?: string; account?: string },
): Promise<void> {
  const { perAccount, perIp, windowMs } = ctx.loginLimits;
  const checks = [];
  if (input.ip !== undefined)
    checks.push(ctx.rateLimiter.hit(ipKey(input.scope, input.ip), perIp, windowMs));
  if (input.account !== undefined) {
    checks.push(ctx.rateLimiter.hit(accountKey(input.scope, input.account), perAccount, windowMs));
  }
  const blocked = (await Promise.all(checks)).filter((r) => !r.allowed);
  if (blocked.length === 0) return;
  const waitMs = Math.max(...blocked.map((r) => r.resetMs));
  throw new AppError('RATE_LIMITED', 'Too many attempts. Wait a moment and try again.', {
    type: 'too-many-attempts',
    retryAfter: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/** Clears an account's counter after a success, so a user's own typos do not lock them out later. */
export async function clearAccountAttempts(
  ctx: Pick<AuthContext, 'rateLimiter'>,
  scope: string,
  account: string,
): Promise<void> {
  await ctx.rateLimiter.reset(accountKey(scope, account));
}
