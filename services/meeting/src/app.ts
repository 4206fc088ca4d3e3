import { createApp, createMetrics, type App, type ShellOptions } from '@gomeet/platform';
import { connectivityRoutes } from './connectivity/connectivity-routes.js';
import type { MeetingDeps } from './deps.js';
import { meetingRoutes } from './routes/meeting-routes.js';
import { recordingFileRoutes } from './routes/recording-file-route.js';

/** The routes' dependencies plus the platform shell's options. */
export type BuildAppOptions = MeetingDeps & ShellOptions;

/** The meeting-service as a standalone app: the platform shell plus `/api/meetings`. No env, no listen. */
export function buildApp(options: BuildAppOptions): App {
  const { metrics, readiness, logLevel, trustProxy, metricsPort, ...deps } = options;
  const shared = metrics ?? createMetrics();
  const app = createApp({
    service: 'meeting',
    metrics: shared,
    readiness,
    logLevel,
    trustProxy,
    ...(metricsPort !== undefined ? { metricsPort } : {}),
  });
  void app.register(meetingRoutes, { prefix: '/api/meetings', ...deps, metrics: shared });
  void app.register(recordingFileRoutes, { prefix: '/api/meetings', ...deps });
  void app.register(connectivityRoutes, { prefix: '/api/meetings', ...deps });
  return app;
}
