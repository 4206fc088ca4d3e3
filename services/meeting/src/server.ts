import {
  createInProcessBus,
  createMemoryLiveState,
  createRedisBus,
  createRedisLiveState,
  createTokenVerifier,
  migrate,
  openDatabase,
  openRedis,
  parseConfig,
  remoteJwks,
  serve,
  type ReadinessCheck,
} from '@gomeet/platform';
import { RoomServiceClient } from 'livekit-server-sdk';
import { buildApp } from './app.js';
import { meetingConfig, turnFromEnv } from './config.js';
import { meetingMigrations } from './migrations.js';

const config = parseConfig(meetingConfig, process.env);
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.GOMEET_DATA_DIR });
await migrate(database.db, 'meeting', meetingMigrations);
const redis = config.REDIS_URL ? openRedis(config.REDIS_URL) : undefined;
const bus = redis ? createRedisBus(redis) : createInProcessBus();
const live = redis ? createRedisLiveState(redis) : createMemoryLiveState();
const readiness: ReadinessCheck[] = [{ name: 'database', check: () => database.ping() }];
if (redis) readiness.push({ name: 'redis', check: () => redis.ping() });

const livekit = {
  url: config.LIVEKIT_URL,
  apiKey: config.LIVEKIT_API_KEY,
  apiSecret: config.LIVEKIT_API_SECRET,
  roomService: new RoomServiceClient(
    config.LIVEKIT_API_URL ?? config.LIVEKIT_URL,
    config.LIVEKIT_API_KEY,
    config.LIVEKIT_API_SECRET,
  ),
};
const app = buildApp({
  db: database.db,
  bus,
  live,
  verifier: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL)),
  livekit,
  publicUrl: config.PUBLIC_URL,
  turn: turnFromEnv(config),
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
