import { createInProcessBus, createRedisBus, type Bus } from './bus.js';
import { openDatabase, type Database } from './db.js';
import type { ReadinessCheck } from './health.js';
import { createMemoryLiveState, createRedisLiveState, type LiveState } from './live-state.js';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limit.js';
import { openRedis, type Redis } from './redis.js';
import { createSessionRevocations, type SessionRevocations } from './session-revocation.js';

/** Where a process keeps its state: PostgreSQL or PGlite, and Redis or its own memory. */
export interface SharedStateOptions {
  /** Client name for Redis (`CLIENT LIST`), e.g. "gomeet-chat". */
  name: string;
  DATABASE_URL?: string | undefined;
  REDIS_URL?: string | undefined;
  GOMEET_DATA_DIR: string;
}

/** The database, bus, live state and rate limiter every service is built from. */
export interface SharedState {
  database: Database;
  redis: Redis | undefined;
  bus: Bus;
  live: LiveState;
  rateLimiter: RateLimiter;
  /** Signed-out sessions, heard over the bus (and loaded from Redis at start). */
  revocations: SessionRevocations;
  /** `/readyz` checks of the database and, when used, Redis. */
  readiness: ReadinessCheck[];
  /** Closes the bus, Redis and the database, in that order. */
  close: () => Promise<void>;
}

/**
 * Opens the database (PostgreSQL with DATABASE_URL, else embedded PGlite) and, with REDIS_URL,
 * the Redis-backed bus, live state and rate limiter that let several pods serve one meeting;
 * without it, their in-process versions for a single server.
 */
export async function openSharedState(options: SharedStateOptions): Promise<SharedState> {
  const database = await openDatabase({
    url: options.DATABASE_URL,
    dataDir: options.GOMEET_DATA_DIR,
  });
  const redis = options.REDIS_URL ? openRedis(options.REDIS_URL, options.name) : undefined;
  const bus = redis ? createRedisBus(redis) : createInProcessBus();
  const revocations = createSessionRevocations({ bus, redis });
  await revocations.ready;
  const readiness: ReadinessCheck[] = [{ name: 'database', check: () => database.ping() }];
  if (redis) readiness.push({ name: 'redis', check: () => redis.ping() });
  return {
    database,
    redis,
    bus,
    live: redis ? createRedisLiveState(redis) : createMemoryLiveState(),
    rateLimiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
    revocations,
    readiness,
    close: async () => {
      await revocations.close();
      await bus.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      await database.close();
    },
  };
}
