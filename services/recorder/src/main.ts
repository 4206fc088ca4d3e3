import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  createApp,
  createRedisBus,
  loggerOptions,
  openRecordingStorage,
  openRedis,
  parseConfig,
  recordingStorageOptions,
  runMain,
  serve,
} from '@gomeet/platform';
import { pino } from 'pino';
import { recorderConfig, recorderLivekitUrl } from './config.js';
import { findFfmpeg } from './ffmpeg.js';
import { startRecorder } from './recorder.js';

runMain(async () => {
  const config = parseConfig(recorderConfig, process.env);
  const logger = pino(loggerOptions('recorder', config.LOG_LEVEL));
  const ffmpegPath = config.FFMPEG_PATH ?? (await findFfmpeg());
  if (!ffmpegPath) throw new Error('ffmpeg was not found on PATH (apt-get install ffmpeg)');
  const redis = openRedis(config.REDIS_URL!, 'gomeet-recorder');
  const bus = createRedisBus(redis);
  const dataDir = path.resolve(config.GOMEET_DATA_DIR);
  const storage = openRecordingStorage(
    recordingStorageOptions(config, {
      dir: path.join(dataDir, 'recordings'),
      // The recorder only stores files; download links are signed by meeting-service.
      secret: randomBytes(32).toString('hex'),
      basePath: '/',
    }),
  );
  const recorder = await startRecorder({
    bus,
    livekitUrl: recorderLivekitUrl(config),
    apiKey: config.LIVEKIT_API_KEY,
    apiSecret: config.LIVEKIT_API_SECRET,
    storage,
    spoolDir: config.RECORDER_SPOOL_DIR ?? path.join(dataDir, 'recordings-spool'),
    ffmpegPath,
    maxJobs: config.RECORDER_MAX_JOBS,
    logger,
  });
  // /healthz, /readyz (Redis answers) and /metrics for the pod's probes and Prometheus.
  const app = createApp({
    service: 'recorder',
    logger,
    readiness: [{ name: 'redis', check: () => redis.ping() }],
    ...(config.METRICS_PORT !== undefined ? { metricsPort: config.METRICS_PORT } : {}),
  });
  await serve(app, {
    host: config.HOST,
    port: config.PORT,
    // SIGTERM: running recordings are stopped and uploaded before the process exits.
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    onClose: async () => {
      await recorder.close();
      await bus.close();
      redis.disconnect();
    },
  });
});
