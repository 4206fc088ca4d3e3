import { createApp, type App, type ShellOptions } from '@gomeet/platform';
import type { SignalingDeps } from './deps.js';
import { webhookRoutes, type WebhookDeps } from './routes/webhook.js';
import { signalingRoutes } from './routes/socket.js';

/** What the standalone app needs beyond the socket's dependencies. */
export interface BuildAppOptions extends SignalingDeps {
  /** The LiveKit webhook receiver's needs; without it `/livekit/webhook` is not mounted. */
  webhook?: Omit<WebhookDeps, 'bus'>;
  readiness?: ShellOptions['readiness'];
  logLevel?: ShellOptions['logLevel'];
  trustProxy?: ShellOptions['trustProxy'];
  metricsPort?: ShellOptions['metricsPort'];
}

/** The signaling-service as a standalone app: the platform shell, `/ws` and the webhook. */
export function buildApp(options: BuildAppOptions): App {
  const { webhook, readiness, logLevel, trustProxy, metricsPort, ...deps } = options;
  const app = createApp({
    service: 'signaling',
    metrics: deps.metrics,
    readiness,
    logLevel,
    trustProxy,
    ...(metricsPort !== undefined ? { metricsPort } : {}),
  });
  void app.register(signalingRoutes, deps);
  if (webhook) void app.register(webhookRoutes, { ...webhook, bus: deps.bus });
  return app;
}
