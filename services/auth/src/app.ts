import { createApp, createMetrics, migrate, type App, type ShellOptions } from '@gomeet/platform';
import type { FastifyBaseLogger } from 'fastify';
import type { AuthDeps } from './deps.js';
import { authMigrations } from './migrations.js';
import { authRoutes } from './plugin.js';

/** AuthDeps plus the HTTP shell's options. */
export type BuildAppOptions = AuthDeps & ShellOptions & { logger?: FastifyBaseLogger };

/**
 * The standalone auth-service: the platform shell, migrations run, routes under /api/auth.
 * No environment reads and no listen; server.ts and the tests call it.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { logLevel, logger, readiness, trustProxy, metricsPort, ...deps } = options;
  const metrics = options.metrics ?? createMetrics();
  const app = createApp({
    service: 'auth',
    metrics,
    readiness,
    trustProxy,
    ...(metricsPort !== undefined ? { metricsPort } : {}),
    ...(logger ? { logger } : { logLevel }),
  });
  await migrate(deps.db, 'auth', authMigrations);
  await app.register(authRoutes, { prefix: '/api/auth', ...deps, metrics });
  return app;
}
