import { AppError } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';

/** The longest Retry-After of the slow-down, before an address is blocked. */
export const MAX_SLOW_DOWN_SECONDS = 5;

/**
 * Takes one guest pass from the address's bucket: `guestPassesPerAddress` at once, refilled at
 * that many a minute, far above a 500-person meeting arriving in one minute. With the bucket
 * empty the answer is 429 with a short Retry-After, 1 s growing to 5 s the more the address
 * has been refused this minute; past `guestRefusalsBeforeBlock` refusals it is blocked until
 * the minute ends. How many guests one meeting lets in is the meeting's ceiling, decided by
 * the meeting-service at join (docs/SECURITY.md).
 */
export async function limitGuestPasses(
  ctx: Pick<AuthContext, 'rateLimiter' | 'limits' | 'countLimited'>,
  ip: string,
): Promise<void> {
  const { guestPassesPerAddress, guestRefusalsBeforeBlock } = ctx.limits;
  const result = await ctx.rateLimiter.take(`auth:guest:ip:${ip}`, {
    burst: guestPassesPerAddress,
    perMinute: guestPassesPerAddress,
    blockAfterRefusals: guestRefusalsBeforeBlock,
    windowMs: 60_000,
  });
  if (result.allowed) return;
  ctx.countLimited('guest-address');
  if (result.blockedMs > 0) {
    throw new AppError('RATE_LIMITED', 'Too many guest passes from your network. Wait a minute.', {
      type: 'too-many-attempts',
      retryAfter: Math.max(1, Math.ceil(result.blockedMs / 1000)),
    });
  }
  const overBy = result.refusals / guestRefusalsBeforeBlock;
  const seconds =
    Math.ceil(result.waitMs / 1000) + Math.floor(overBy * (MAX_SLOW_DOWN_SECONDS - 1));
  const retryAfter = Math.min(MAX_SLOW_DOWN_SECONDS, Math.max(1, seconds));
  throw new AppError(
    'RATE_LIMITED',
    `Many people are joining from your network right now; try again in ${retryAfter} s.`,
    { type: 'slow-down', retryAfter },
  );
}
