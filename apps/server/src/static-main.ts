#!/usr/bin/env node
import { parseConfig, runMain, serve } from '@gomeet/platform';
import { buildStaticApp, defaultWebDist, staticEnv } from './static-app.js';

/** The frontend image's process: the web app alone, on PORT (8080), until SIGTERM. */
async function main(): Promise<void> {
  const config = parseConfig(staticEnv, process.env);
  const app = await buildStaticApp({
    dist: config.WEB_DIST ?? defaultWebDist(),
    logLevel: config.LOG_LEVEL,
    livekitUrl: config.LIVEKIT_URL,
    metricsPort: config.METRICS_PORT,
  });
  await serve(app, {
    host: config.HOST,
    port: config.PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}

runMain(main);
