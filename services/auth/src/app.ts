import {
  createApp,
  createMetrics,
  migrate,
  type App,
  type Metrics,
  type ReadinessCheck,
} from '@gomeet/platform';
import type { FastifyBaseLogger } from 'fastify';
import type { AuthDeps } from './deps.js';
import { authMigrations } from './migrations.js';
import { authRoutes } from './plugin.js';

/** AuthDeps plus the HTTP shell's options. */
export type BuildAppOptions = AuthDeps & {
  metrics?: Metrics;
  /** Log level, or false for no logs (tests). */
  logLevel?: string | false;
  logger?: FastifyBaseLogger;
  readiness?: ReadinessCheck[];
};

/**
 * The standalone auth-service: the platform shell, migrations run, routes under /api/auth.
 * No environment reads and no listen; server.ts and the tests call it.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { metrics, logLevel, logger, readiness, ...deps } = options;
  const app = createApp({
    service: 'auth',
    metrics: metrics ?? createMetrics(),
    readiness: readiness ?? [],
    ...(logger ? { logger } : { logLevel: logLevel ?? 'info' }),
  });
  await migrate(deps.db, 'auth', authMigrations);
  await app.register(authRoutes, { prefix: '/api/auth', ...deps });
  return app;
}
