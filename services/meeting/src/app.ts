import {
  createApp,
  createMetrics,
  type App,
  type Metrics,
  type ReadinessCheck,
} from '@gomeet/platform';
import type { MeetingDeps } from './deps.js';
import { meetingRoutes } from './routes/meeting-routes.js';

/** What the standalone app needs beyond the routes' dependencies. */
export interface BuildAppOptions extends MeetingDeps {
  metrics?: Metrics;
  readiness?: ReadinessCheck[];
  /** Log level, or false for no logs (tests, benchmarks). */
  logLevel?: string | false;
}

/** The meeting-service as a standalone app: the platform shell plus `/api/meetings`. No env, no listen. */
export function buildApp(options: BuildAppOptions): App {
  const { metrics, readiness, logLevel, ...deps } = options;
  const app = createApp({
    service: 'meeting',
    metrics: metrics ?? createMetrics(),
    readiness: readiness ?? [],
    logLevel: logLevel ?? 'info',
  });
  void app.register(meetingRoutes, { prefix: '/api/meetings', ...deps });
  return app;
}
