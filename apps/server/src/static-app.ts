import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseEnv, createApp, type App } from '@gomeet/platform';
import { z } from 'zod';
import { serveWebApp } from './web-app.js';

/** What the frontend image's static server reads from the environment. */
export const staticEnv = z.object({
  NODE_ENV: baseEnv.NODE_ENV,
  HOST: baseEnv.HOST,
  PORT: baseEnv.PORT,
  LOG_LEVEL: baseEnv.LOG_LEVEL,
  SHUTDOWN_TIMEOUT_MS: baseEnv.SHUTDOWN_TIMEOUT_MS,
  METRICS_PORT: baseEnv.METRICS_PORT,
  /** The built web app; apps/web/dist beside this package by default. */
  WEB_DIST: z.string().min(1).optional(),
  /** The LiveKit URL browsers connect to; its origin goes into the CSP's connect-src. */
  LIVEKIT_URL: z
    .string()
    .regex(/^wss?:\/\/\S+$/, 'expected a ws:// or wss:// URL of the LiveKit server')
    .optional(),
});

/** Parsed static server configuration. */
export type StaticConfig = z.output<typeof staticEnv>;

/** Where `npm run build -w @gomeet/web` puts the web app, relative to this file's dist/. */
export const defaultWebDist = (): string =>
  fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The frontend on its own: the built web app with the all-in-one server's SPA fallback and
 * caching (serveWebApp), plus /healthz, /readyz and /metrics from the shared shell. Unlike the
 * all-in-one server it refuses to start without a build, since serving nothing is never right.
 */
export async function buildStaticApp(options: {
  dist: string;
  logLevel?: string | false;
  livekitUrl?: string | undefined;
  /** Serve /metrics on this port instead of the app's (METRICS_PORT). */
  metricsPort?: number | undefined;
}): Promise<App> {
  const index = path.join(options.dist, 'index.html');
  try {
    await access(index);
  } catch {
    throw new Error(`the web app is not built: ${index} is missing`);
  }
  const app = createApp({
    service: 'frontend',
    readiness: [{ name: 'web-app', check: () => access(index) }],
    ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
  });
  await app.register(serveWebApp, { dist: options.dist, livekitUrl: options.livekitUrl });
  return app;
}
