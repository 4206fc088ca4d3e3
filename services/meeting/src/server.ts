import {
  createMailer,
  createTokenVerifier,
  migrate,
  openRecordingStorage,
  openSharedState,
  recordingStorageOptions,
  parseConfig,
  remoteJwks,
  serve,
  runMain,
} from '@gomeet/platform';
import { RoomServiceClient } from 'livekit-server-sdk';
import { buildApp } from './app.js';
import { meetingConfig, passcodeLimits, turnFromEnv } from './config.js';
import { meetingMigrations } from './migrations.js';
import { recordingSettings } from './recordings/recording-env.js';

runMain(async () => {
  const config = parseConfig(meetingConfig, process.env);
  const state = await openSharedState({ ...config, name: 'gomeet-meeting' });
  await migrate(state.database.db, 'meeting', meetingMigrations);

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
  // In a cluster recordings live in a bucket the recorder pods upload to; without one, none.
  const recordings = config.RECORDINGS_BUCKET
    ? {
        storage: openRecordingStorage(
          recordingStorageOptions(config, { dir: '', secret: '', basePath: '' }),
        ),
        ...recordingSettings(config),
      }
    : undefined;
  // A pod's folder reaches nobody: without SMTP_URL, emailing invitations answers 503.
  const mailer = config.SMTP_URL
    ? createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, folder: '' })
    : undefined;
  const app = buildApp({
    db: state.database.db,
    bus: state.bus,
    live: state.live,
    verifier: createTokenVerifier(remoteJwks(config.AUTH_JWKS_URL), {
      revocations: state.revocations,
    }),
    livekit,
    publicUrl: config.PUBLIC_URL,
    turn: turnFromEnv(config),
    rateLimiter: state.rateLimiter,
    passcodeLimits: passcodeLimits(config),
    ...(mailer ? { mailer } : {}),
    ...(recordings ? { recordings } : {}),
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
