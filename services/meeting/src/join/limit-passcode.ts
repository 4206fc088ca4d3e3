import { AppError, type Metrics, type RateLimiter, type RateLimitResult } from '@gomeet/platform';

/** How many wrong passcodes a meeting takes, and over what window (docs/SECURITY.md). */
export interface PasscodeLimits {
  /** Wrong passcodes for one meeting from one identity (user or guest) per window. */
  perIdentity: number;
  /**
   * Wrong passcodes for one meeting from one address per window, whatever the identity: guests
   * mint a new identity with every pass, so this is the limit that holds them. Only failures
   * count, so a crowd behind one address typing the right passcode never meets it.
   */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_PASSCODE_LIMITS: PasscodeLimits = {
  perIdentity: 5,
  perAddress: 30,
  windowMs: 15 * 60_000,
};

/** What the guard needs: the shared counters, the limits, and where refusals are counted. */
export interface PasscodeGuard {
  rateLimiter: RateLimiter;
  limits: PasscodeLimits;
  metrics?: Pick<Metrics, 'rateLimited'> | undefined;
}

const keys = (code: string, identity: string, ip: string) =>
  [
    ['passcode-identity', `meeting:passcode:id:${code}:${identity}`],
    ['passcode-address', `meeting:passcode:ip:${code}:${ip}`],
  ] as const;

/**
 * Runs a join that carries a passcode under the meeting's failure limits: refused with 429 and
 * Retry-After while this identity or this address has used up its wrong guesses, and a wrong
 * passcode (403 `wrong-passcode`) counts against both. Joins without a passcode pass straight
 * through: they cannot guess.
 */
export function withPasscodeLimit<T>(
  guard: PasscodeGuard,
  attempt: { code: string; identity: string; ip: string; passcode: string | undefined },
  join: () => Promise<T>,
): Promise<T> {
  // Not an async function: a join without a passcode (nearly all) gets no promise of its own.
  return attempt.passcode ? limitedJoin(guard, attempt, join) : join();
}

async function limitedJoin<T>(
  guard: PasscodeGuard,
  attempt: { code: string; identity: string; ip: string },
  join: () => Promise<T>,
): Promise<T> {
  const { perIdentity, perAddress, windowMs } = guard.limits;
  const [byIdentity, byAddress] = keys(attempt.code.toLowerCase(), attempt.identity, attempt.ip);
  const checks: [string, RateLimitResult][] = [
    [byIdentity[0], await guard.rateLimiter.peek(byIdentity[1], perIdentity)],
    [byAddress[0], await guard.rateLimiter.peek(byAddress[1], perAddress)],
  ];
  const blocked = checks.filter(([, r]) => !r.allowed);
  if (blocked.length > 0) {
    for (const [scope] of blocked) guard.metrics?.rateLimited.inc({ scope });
    const waitMs = Math.max(...blocked.map(([, r]) => r.resetMs));
    throw new AppError('RATE_LIMITED', 'Too many wrong passcodes. Wait a while and try again.', {
      type: 'too-many-attempts',
      retryAfter: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
  try {
    return await join();
  } catch (error) {
    if (error instanceof AppError && error.type === 'wrong-passcode') {
      await Promise.all([
        guard.rateLimiter.hit(byIdentity[1], perIdentity, windowMs),
        guard.rateLimiter.hit(byAddress[1], perAddress, windowMs),
      ]);
    }
    throw error;
  }
}
