import {
  createMetrics,
  createTokenVerifier,
  migrate,
  openSharedState,
  parseConfig,
  remoteJwks,
  serve,
  runMain,
} from '@gomeet/platform';
import { buildApp } from './app.js';
import { signalingConfig } from './config.js';
import { signalingMigrations } from './migrations.js';

runMain(async () => {
  const config = parseConfig(signalingConfig, process.env);
  const state = await openSharedState({ ...config, name: 'gomeet-signaling' });
  await migrate(state.database.db, 'signaling', signalingMigrations);

  const app = buildApp({
    bus: state.bus,
    live: state.live,
    rateLimiter: state.rateLimiter,
    revocations: state.revocations,
    verifier: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL), {
      revocations: state.revocations,
    }),
    metrics: createMetrics(),
    heartbeatMs: config.WS_HEARTBEAT_MS,
    publicUrl: config.PUBLIC_URL,
    webhook: {
      db: state.database.db,
      livekit: { apiKey: config.LIVEKIT_API_KEY, apiSecret: config.LIVEKIT_API_SECRET },
    },
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
