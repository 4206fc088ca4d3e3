import type { Redis } from 'ioredis';

/** The outcome of counting one attempt against a limit. */
export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** A steady rate with room for a burst: `burst` at once, refilled at `perMinute`. */
export interface BucketLimit {
  burst: number;
  perMinute: number;
  /** Refusals in one window after which the key is blocked until the window ends. */
  blockAfterRefusals: number;
  windowMs: number;
}

/** The outcome of taking one token from a bucket. */
export interface BucketResult {
  allowed: boolean;
  /** When refused: milliseconds until a token is free (0 when allowed). */
  waitMs: number;
  /** Refusals of this key in the current window, this one included (0 when allowed). */
  refusals: number;
  /** When the key is blocked: milliseconds until the block ends. */
  blockedMs: number;
}

/**
 * Counters shared by the process (memory) or every pod (Redis). `hit` is a fixed window;
 * `peek` reads a fixed window without counting; `take` is a token bucket (GCRA) whose refused
 * requests cost nothing but are counted, so a key refused too often is blocked for the window.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  peek(key: string, limit: number): Promise<RateLimitResult>;
  take(key: string, limit: BucketLimit): Promise<BucketResult>;
  reset(key: string): Promise<void>;
}

/** GCRA on a theoretical arrival time: allowed while it is less than a burst ahead of now. */
function gcra(tat: number, now: number, limit: BucketLimit): { allowed: boolean; next: number } {
  const interval = 60_000 / limit.perMinute;
  const next = Math.max(tat, now) + interval;
  return { allowed: next - limit.burst * interval <= now, next };
}

/** Counters in this process's memory; for one server. */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const arrivals = new Map<string, number>();
  const sweep = (t: number) => {
    if (windows.size > 100_000) {
      for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
    }
    if (arrivals.size > 100_000) {
      for (const [k, v] of arrivals) if (v <= t) arrivals.delete(k);
    }
  };
  const current = (key: string, t: number) => {
    const w = windows.get(key);
    return w && w.resetAt > t ? w : undefined;
  };
  const count = (key: string, windowMs: number, t: number) => {
    let w = current(key, t);
    if (!w) {
      w = { count: 0, resetAt: t + windowMs };
      windows.set(key, w);
      sweep(t);
    }
    w.count += 1;
    return w;
  };
  return {
    hit(key, limit, windowMs) {
      const t = now();
      const w = count(key, windowMs, t);
      return Promise.resolve({
        allowed: w.count <= limit,
        remaining: Math.max(0, limit - w.count),
        resetMs: w.resetAt - t,
      });
    },
    peek(key, limit) {
      const t = now();
      const w = current(key, t);
      const n = w?.count ?? 0;
      return Promise.resolve({
        allowed: n < limit,
        remaining: Math.max(0, limit - n),
        resetMs: w ? w.resetAt - t : 0,
      });
    },
    take(key, limit) {
      const t = now();
      const refusedKey = `${key}:refused`;
      const blocked = current(refusedKey, t);
      if (blocked && blocked.count >= limit.blockAfterRefusals) {
        blocked.count += 1;
        const blockedMs = blocked.resetAt - t;
        return Promise.resolve({
          allowed: false,
          waitMs: blockedMs,
          refusals: blocked.count,
          blockedMs,
        });
      }
      const { allowed, next } = gcra(arrivals.get(key) ?? t, t, limit);
      if (allowed) {
        arrivals.set(key, next);
        return Promise.resolve({ allowed, waitMs: 0, refusals: 0, blockedMs: 0 });
      }
      const interval = 60_000 / limit.perMinute;
      const refused = count(refusedKey, limit.windowMs, t);
      return Promise.resolve({
        allowed: false,
        waitMs: next - limit.burst * interval - t,
        refusals: refused.count,
        blockedMs: 0,
      });
    },
    reset(key) {
      windows.delete(key);
      arrivals.delete(key);
      return Promise.resolve();
    },
  };
}

// KEYS: arrival time, refusal counter. ARGV: interval ms, burst, block after, window ms.
// Redis's own clock, so pods with skewed clocks still share one bucket.
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local blockAfter = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4])
local refusals = tonumber(redis.call('GET', KEYS[2]) or '0')
if refusals >= blockAfter then
  refusals = redis.call('INCR', KEYS[2])
  return {0, redis.call('PTTL', KEYS[2]), refusals, 1}
end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local nextTat = tat + interval
if nextTat - burst * interval <= now then
  redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.ceil(nextTat - now) + 1)
  return {1, 0, 0, 0}
end
refusals = redis.call('INCR', KEYS[2])
if refusals == 1 then redis.call('PEXPIRE', KEYS[2], windowMs) end
return {0, math.ceil(nextTat - burst * interval - now), refusals, 0}
`;

/** Counters in Redis, shared by every pod: INCR, with the window set on the first hit. */
export function createRedisRateLimiter(redis: Redis, prefix = 'ratelimit:'): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const k = prefix + key;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).pttl(k).exec()) as [
        [null, number],
        [null, number],
      ];
      let resetMs = ttl;
      if (ttl < 0) {
        await redis.pexpire(k, windowMs);
        resetMs = windowMs;
      }
      return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetMs };
    },
    async peek(key, limit) {
      const k = prefix + key;
      const [[, raw], [, ttl]] = (await redis.multi().get(k).pttl(k).exec()) as [
        [null, string | null],
        [null, number],
      ];
      const count = Number(raw ?? 0);
      return {
        allowed: count < limit,
        remaining: Math.max(0, limit - count),
        resetMs: Math.max(0, ttl),
      };
    },
    async take(key, limit) {
      const k = prefix + key;
      const [allowed, waitMs, refusals, blocked] = (await redis.eval(
        TAKE_SCRIPT,
        2,
        k,
        `${k}:refused`,
        60_000 / limit.perMinute,
        limit.burst,
        limit.blockAfterRefusals,
        limit.windowMs,
      )) as [number, number, number, number];
      return {
        allowed: allowed === 1,
        waitMs: Math.max(0, waitMs),
        refusals,
        blockedMs: blocked === 1 ? Math.max(0, waitMs) : 0,
      };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
