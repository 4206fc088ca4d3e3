#!/usr/bin/env node
import { ConfigError, parseConfig } from '@gomeet/platform';
import { serverEnv } from './config.js';
import { startBanner } from './banner.js';
import { startServer } from './start.js';

/** `npm start`: GoMeet on one port, until Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(serverEnv, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const gomeet = await startServer({ config });
  console.log(startBanner(gomeet, config.HOST));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${signal}: stopping GoMeet...`);
    const timer = setTimeout(() => {
      console.error('  shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    gomeet.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('  error during shutdown:', (error as Error).message);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`GoMeet failed to start: ${(error as Error).message}`);
  process.exit(1);
});
