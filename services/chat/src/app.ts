import { createApp, type App, type ShellOptions } from '@gomeet/platform';
import type { ChatDeps } from './deps.js';
import { chatRoutes } from './routes/chat-routes.js';

/** The routes' dependencies plus the platform shell's options. */
export type BuildAppOptions = ChatDeps & ShellOptions;

/** The chat-service as a standalone app: the platform shell plus `/api/chat`. No env, no listen. */
export function buildApp(options: BuildAppOptions): App {
  const { metrics, readiness, logLevel, trustProxy, metricsPort, ...deps } = options;
  const app = createApp({
    service: 'chat',
    metrics,
    readiness,
    logLevel,
    trustProxy,
    ...(metricsPort !== undefined ? { metricsPort } : {}),
  });
  void app.register(chatRoutes, { prefix: '/api/chat', ...deps });
  return app;
}
