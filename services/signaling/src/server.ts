import {
  createInProcessBus,
  createMemoryLiveState,
  createMemoryRateLimiter,
  createMetrics,
  createRedisBus,
  createRedisLiveState,
  createRedisRateLimiter,
  createTokenVerifier,
  migrate,
  openDatabase,
  openRedis,
  parseConfig,
  remoteJwks,
  serve,
  type ReadinessCheck,
} from '@gomeet/platform';
import { buildApp } from './app.js';
import { signalingConfig } from './config.js';
import { signalingMigrations } from './migrations.js';

const config = parseConfig(signalingConfig, process.env);
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.GOMEET_DATA_DIR });
await migrate(database.db, 'signaling', signalingMigrations);
const redis = config.REDIS_URL ? openRedis(config.REDIS_URL, 'gomeet-signaling') : undefined;
const readiness: ReadinessCheck[] = [{ name: 'database', check: () => database.ping() }];
if (redis) readiness.push({ name: 'redis', check: () => redis.ping() });
const bus = redis ? createRedisBus(redis) : createInProcessBus();

const app = buildApp({
  bus,
  live: redis ? createRedisLiveState(redis) : createMemoryLiveState(),
  rateLimiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
  verifier: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL)),
  metrics: createMetrics(),
  heartbeatMs: config.WS_HEARTBEAT_MS,
  webhook: {
    db: database.db,
    livekit: { apiKey: config.LIVEKIT_API_KEY, apiSecret: config.LIVEKIT_API_SECRET },
  },
  readiness,
  logLevel: config.LOG_LEVEL,
});
await serve(app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  onClose: async () => {
    await bus.close();
    redis?.disconnect();
    await database.close();
  },
});
