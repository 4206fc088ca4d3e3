import {
  ConfigError,
  createMemoryRateLimiter,
  createRedisRateLimiter,
  openDatabase,
  openRedis,
  parseConfig,
  serve,
  type ReadinessCheck,
} from '@gomeet/platform';
import { buildApp } from './app.js';
import { authConfigSchema, turnSettings } from './config.js';

async function main(): Promise<void> {
  const config = parseConfig(authConfigSchema, process.env);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.GOMEET_DATA_DIR,
  });
  const redis = config.REDIS_URL ? openRedis(config.REDIS_URL, 'auth-service') : undefined;
  const readiness: ReadinessCheck[] = [{ name: 'database', check: database.ping }];
  if (redis) readiness.push({ name: 'redis', check: () => redis.ping() });
  const app = await buildApp({
    db: database.db,
    rateLimiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
    turn: turnSettings(config),
    ...(config.JWT_SIGNING_KEYS ? { signingKeys: config.JWT_SIGNING_KEYS } : {}),
    logLevel: config.LOG_LEVEL,
    readiness,
  });
  await serve(app, {
    host: config.HOST,
    port: config.PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    onClose: async () => {
      await database.close();
      redis?.disconnect();
    },
  });
}

main().catch((error: unknown) => {
  // A config problem is the operator's to fix: print it plainly, without a stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
