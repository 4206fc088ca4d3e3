import {
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
} from '@gomeet/platform';
import { buildApp } from './app.js';
import { chatConfig } from './config.js';
import { chatMigrations } from './migrations.js';

const config = parseConfig(chatConfig, process.env);
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.GOMEET_DATA_DIR });
await migrate(database.db, 'chat', chatMigrations);
// chatConfig guarantees REDIS_URL.
const redis = openRedis(config.REDIS_URL ?? '', 'gomeet-chat');
const bus = createRedisBus(redis);

const app = buildApp({
  db: database.db,
  bus,
  live: createRedisLiveState(redis),
  verifier: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL)),
  rateLimiter: createRedisRateLimiter(redis),
  readiness: [
    { name: 'database', check: () => database.ping() },
    { name: 'redis', check: () => redis.ping() },
  ],
  logLevel: config.LOG_LEVEL,
});
await serve(app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  onClose: async () => {
    await bus.close();
    redis.disconnect();
    await database.close();
  },
});
