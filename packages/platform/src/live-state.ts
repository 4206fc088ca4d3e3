import type { Redis } from 'ioredis';

/**
 * Shared live state (presence, lobby queue, hands, locks): hashes and plain keys. Redis when
 * several pods serve one meeting, so an instance can die without losing the meeting's state;
 * memory for one server. Values are strings; callers JSON-encode.
 */
export interface LiveState {
  hset(key: string, field: string, value: string): Promise<void>;
  hget(key: string, field: string): Promise<string | undefined>;
  hgetall(key: string): Promise<Record<string, string>>;
  /** Removes a field; resolves true when it existed. */
  hdel(key: string, field: string): Promise<boolean>;
  /** Sets a field only if absent; resolves true when it was set. */
  hsetnx(key: string, field: string, value: string): Promise<boolean>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  get(key: string): Promise<string | undefined>;
  del(key: string): Promise<void>;
}

/** Live state in this process's memory. */
export function createMemoryLiveState(): LiveState {
  const hashes = new Map<string, Map<string, string>>();
  const keys = new Map<string, { value: string; expiresAt: number }>();
  const hash = (key: string) => {
    let h = hashes.get(key);
    if (!h) hashes.set(key, (h = new Map<string, string>()));
    return h;
  };
  return {
    async hset(key, field, value) {
      hash(key).set(field, value);
    },
    async hget(key, field) {
      return hashes.get(key)?.get(field);
    },
    async hgetall(key) {
      return Object.fromEntries(hashes.get(key) ?? []);
    },
    async hdel(key, field) {
      const h = hashes.get(key);
      const existed = h?.delete(field) ?? false;
      if (h && h.size === 0) hashes.delete(key);
      return existed;
    },
    async hsetnx(key, field, value) {
      const h = hash(key);
      if (h.has(field)) return false;
      h.set(field, value);
      return true;
    },
    async set(key, value, ttlMs) {
      keys.set(key, { value, expiresAt: ttlMs ? Date.now() + ttlMs : Infinity });
    },
    async get(key) {
      const entry = keys.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        keys.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async del(key) {
      keys.delete(key);
      hashes.delete(key);
    },
  };
}

/** Live state in Redis, shared by every pod. */
export function createRedisLiveState(redis: Redis, prefix = 'gomeet:'): LiveState {
  return {
    async hset(key, field, value) {
      await redis.hset(prefix + key, field, value);
    },
    async hget(key, field) {
      return (await redis.hget(prefix + key, field)) ?? undefined;
    },
    async hgetall(key) {
      return redis.hgetall(prefix + key);
    },
    async hdel(key, field) {
      return (await redis.hdel(prefix + key, field)) > 0;
    },
    async hsetnx(key, field, value) {
      return (await redis.hsetnx(prefix + key, field, value)) === 1;
    },
    async set(key, value, ttlMs) {
      if (ttlMs) await redis.set(prefix + key, value, 'PX', ttlMs);
      else await redis.set(prefix + key, value);
    },
    async get(key) {
      return (await redis.get(prefix + key)) ?? undefined;
    },
    async del(key) {
      await redis.del(prefix + key);
    },
  };
}
