import type { Redis } from 'ioredis';

/** The outcome of counting one attempt against a limit. */
export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** Fixed-window counters: `hit` counts one attempt for `key` and says whether it is allowed. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  reset(key: string): Promise<void>;
}

/** Counters in this process's memory; for one server. */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    hit(key, limit, windowMs) {
      const t = now();
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
        if (windows.size > 100_000) {
          for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
        }
      }
      w.count += 1;
      return Promise.resolve({
        allowed: w.count <= limit,
        remaining: Math.max(0, limit - w.count),
        resetMs: w.resetAt - t,
      });
    },
    reset(key) {
      windows.delete(key);
      return Promise.resolve();
    },
  };
}

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
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
