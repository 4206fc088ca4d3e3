import {
  createTokenVerifier,
  migrate,
  openSharedState,
  parseConfig,
  remoteJwks,
  serve,
  runMain,
} from '@gomeet/platform';
import { buildApp } from './app.js';
import { chatConfig, chatLimits } from './config.js';
import { chatMigrations } from './migrations.js';

runMain(async () => {
  const config = parseConfig(chatConfig, process.env);
  // chatConfig requires REDIS_URL: the roster chat checks is written by meeting-service pods.
  const state = await openSharedState({ ...config, name: 'gomeet-chat' });
  await migrate(state.database.db, 'chat', chatMigrations);

  const app = buildApp({
    db: state.database.db,
    bus: state.bus,
    live: state.live,
    verifier: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL), {
      revocations: state.revocations,
    }),
    rateLimiter: state.rateLimiter,
    messageRate: chatLimits(config),
    readiness: state.readiness,
    logLevel: config.LOG_LEVEL,
    trustProxy: config.TRUST_PROXY,
    ...(config.METRICS_PORT !== undefined ? { metricsPort: config.METRICS_PORT } : {}),
  });
  await serve(app, {
    host: config.HOST,
    port: config.PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    onClose: state.close,
  });
});
