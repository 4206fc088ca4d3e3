import {
  createApp,
  createMetrics,
  type App,
  type Metrics,
  type ReadinessCheck,
} from '@gomeet/platform';
import type { ChatDeps } from './deps.js';
import { chatRoutes } from './routes/chat-routes.js';

/** What the standalone app needs beyond the routes' dependencies. */
export interface BuildAppOptions extends ChatDeps {
  metrics?: Metrics;
  readiness?: ReadinessCheck[];
  /** Log level, or false for no logs (tests, benchmarks). */
  logLevel?: string | false;
}

/** The chat-service as a standalone app: the platform shell plus `/api/chat`. No env, no listen. */
export function buildApp(options: BuildAppOptions): App {
  const { metrics, readiness, logLevel, ...deps } = options;
  const app = createApp({
    service: 'chat',
    metrics: metrics ?? createMetrics(),
    readiness: readiness ?? [],
    logLevel: logLevel ?? 'info',
  });
  void app.register(chatRoutes, { prefix: '/api/chat', ...deps });
  return app;
}
