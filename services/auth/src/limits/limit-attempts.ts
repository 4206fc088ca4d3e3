import { createHash } from 'node:crypto';
import { AppError, type RateLimitResult } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';

type LimitCtx = Pick<AuthContext, 'rateLimiter' | 'limits' | 'countLimited'>;

// Emails are hashed before they become counter keys, so Redis never holds them in clear.
function hashed(account: string): string {
  return createHash('sha256').update(account.toLowerCase()).digest('base64url');
}

const keys = {
  account: (scope: string, account: string) => `auth:${scope}:acct:${hashed(account)}`,
  accountAddress: (scope: string, account: string, ip: string) =>
    `auth:${scope}:acct-ip:${hashed(account)}:${ip}`,
  address: (scope: string, ip: string) => `auth:${scope}:ip:${ip}`,
  known: (account: string, ip: string) => `auth:login-known:${hashed(account)}:${ip}`,
};

/** How long an address that signed in to an account stays its owner's (exempt from lockout). */
export const KNOWN_ADDRESS_TTL_MS = 30 * 24 * 3600_000;

/** Throws 429 with Retry-After for the first refused limit, counting it under its scope. */
function refuseIfBlocked(ctx: LimitCtx, checks: [string, RateLimitResult][]): void {
  const blocked = checks.filter(([, r]) => !r.allowed);
  if (blocked.length === 0) return;
  for (const [scope] of blocked) ctx.countLimited(scope);
  const waitMs = Math.max(...blocked.map(([, r]) => r.resetMs));
  throw new AppError('RATE_LIMITED', 'Too many attempts. Wait a moment and try again.', {
    type: 'too-many-attempts',
    retryAfter: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/**
 * Counts a sign-in attempt before the password is checked: per account, and per account from
 * this address. The address alone is limited only by its failures (peeked here, counted by
 * {@link recordFailedSignIn}), so a crowd behind one NAT address signing in correctly passes.
 *
 * The per-account limit is a token bucket, not a window: past its burst, attempts trickle in at
 * the same rate (Retry-After is the wait for the next one, not the whole window), so strangers
 * guessing from many addresses slow an account down rather than lock it. An address that has
 * signed in to the account before ({@link clearSignIn} remembers it) skips that limit, so the
 * owner gets in while strangers guess; it still counts per account and address.
 */
export async function limitSignIn(
  ctx: LimitCtx,
  input: { account: string; ip: string },
): Promise<void> {
  const { loginPerAccount, loginPerAccountAddress, loginFailuresPerAddress, loginWindowMs } =
    ctx.limits;
  const [known, accountAddress, failures] = await Promise.all([
    isKnownAddress(ctx, input),
    ctx.rateLimiter.hit(
      keys.accountAddress('login', input.account, input.ip),
      loginPerAccountAddress,
      loginWindowMs,
    ),
    ctx.rateLimiter.peek(keys.address('login-failed', input.ip), loginFailuresPerAddress),
  ]);
  const checks: [string, RateLimitResult][] = [
    ['login-account-address', accountAddress],
    ['login-address-failures', failures],
  ];
  if (!known) {
    const bucket = await ctx.rateLimiter.take(keys.account('login', input.account), {
      burst: loginPerAccount,
      perMinute: (loginPerAccount * 60_000) / loginWindowMs,
      // Never a hard block: the bucket's trickle is the back-off.
      blockAfterRefusals: Number.MAX_SAFE_INTEGER,
      windowMs: loginWindowMs,
    });
    checks.unshift([
      'login-account',
      { allowed: bucket.allowed, remaining: 0, resetMs: bucket.waitMs },
    ]);
  }
  refuseIfBlocked(ctx, checks);
}

async function isKnownAddress(
  ctx: Pick<AuthContext, 'rateLimiter'>,
  input: { account: string; ip: string },
): Promise<boolean> {
  // A counter at 1 or more means a success was recorded within its TTL (peek: allowed = count < 1).
  const record = await ctx.rateLimiter.peek(keys.known(input.account, input.ip), 1);
  return !record.allowed;
}

/** Counts a failed sign-in against its address. */
export async function recordFailedSignIn(ctx: LimitCtx, ip: string): Promise<void> {
  const { loginFailuresPerAddress, loginWindowMs } = ctx.limits;
  await ctx.rateLimiter.hit(
    keys.address('login-failed', ip),
    loginFailuresPerAddress,
    loginWindowMs,
  );
}

/**
 * After a success: clears the account's counters, so a user's own typos never pile up, and
 * remembers the address as the owner's for {@link KNOWN_ADDRESS_TTL_MS}.
 */
export async function clearSignIn(
  ctx: Pick<AuthContext, 'rateLimiter'>,
  input: { account: string; ip: string },
): Promise<void> {
  const known = keys.known(input.account, input.ip);
  await Promise.all([
    ctx.rateLimiter.reset(keys.account('login', input.account)),
    ctx.rateLimiter.reset(keys.accountAddress('login', input.account, input.ip)),
    // Reset, then count once: the record lives KNOWN_ADDRESS_TTL_MS from this latest success.
    ctx.rateLimiter.reset(known).then(() => ctx.rateLimiter.hit(known, 1, KNOWN_ADDRESS_TTL_MS)),
  ]);
}

/** Counts a password change attempt on an account (the current password is checked next). */
export async function limitPasswordChange(ctx: LimitCtx, userId: string): Promise<void> {
  const { loginPerAccount, loginWindowMs } = ctx.limits;
  const result = await ctx.rateLimiter.hit(
    keys.account('password', userId),
    loginPerAccount,
    loginWindowMs,
  );
  refuseIfBlocked(ctx, [['password-account', result]]);
}

/** Clears an account's password-change counter after a success. */
export async function clearPasswordChange(
  ctx: Pick<AuthContext, 'rateLimiter'>,
  userId: string,
): Promise<void> {
  await ctx.rateLimiter.reset(keys.account('password', userId));
}

/**
 * Counts a request that mails an account a link (a reset): per account, so nobody floods an
 * inbox, and per address at registration's rate. Counted whether or not the account exists,
 * so the refusal tells nothing either.
 */
export async function limitMailRequest(
  ctx: LimitCtx,
  input: { account: string; ip: string },
): Promise<void> {
  const { mailPerAccount, mailWindowMs, registerPerAddress, registerWindowMs } = ctx.limits;
  const [account, address] = await Promise.all([
    ctx.rateLimiter.hit(keys.account('mail', input.account), mailPerAccount, mailWindowMs),
    ctx.rateLimiter.hit(keys.address('mail', input.ip), registerPerAddress, registerWindowMs),
  ]);
  refuseIfBlocked(ctx, [
    ['mail-account', account],
    ['mail-address', address],
  ]);
}

/** Counts a request from an address under `scope` at registration's rate. */
async function limitAtRegistrationRate(ctx: LimitCtx, scope: string, ip: string): Promise<void> {
  const { registerPerAddress, registerWindowMs } = ctx.limits;
  const result = await ctx.rateLimiter.hit(
    keys.address(scope, ip),
    registerPerAddress,
    registerWindowMs,
  );
  refuseIfBlocked(ctx, [[`${scope}-address`, result]]);
}

/** Counts a link being opened (a token tried) from an address; each reset costs an argon2 hash. */
export function limitLinkUse(ctx: LimitCtx, ip: string): Promise<void> {
  return limitAtRegistrationRate(ctx, 'link', ip);
}

/** Counts a registration from an address: each one costs an argon2 hash. */
export function limitRegistration(ctx: LimitCtx, ip: string): Promise<void> {
  return limitAtRegistrationRate(ctx, 'register', ip);
}
