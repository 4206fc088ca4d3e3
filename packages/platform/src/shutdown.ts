import type { FastifyInstance } from 'fastify';
import { ConfigError } from './config.js';

/** Options for running a service until SIGTERM/SIGINT. */
export interface ServeOptions {
  host: string;
  port: number;
  /** How long in-flight requests may take to finish before the process gives up on them. */
  shutdownTimeoutMs: number;
  /** Closes what the app does not own (database, Redis, child processes), after the app. */
  onClose?: () => Promise<void>;
}

/**
 * Listens, then on SIGTERM or SIGINT stops accepting, lets in-flight requests finish within
 * the bound, closes dependencies and exits. Returns the listening address.
 */
export async function serve(app: FastifyInstance, options: ServeOptions): Promise<string> {
  const address = await app.listen({ host: options.host, port: options.port });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting with requests still open');
      process.exit(1);
    }, options.shutdownTimeoutMs);
    timer.unref();
    app
      .close()
      .then(() => options.onClose?.())
      .then(() => {
        app.log.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return address;
}

/**
 * Runs a process's main function. A configuration problem is the operator's to fix, so it is
 * printed plainly (which variable, what was expected) with no stack; anything else that stops
 * start-up prints one line. Both exit 1.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message =
      error instanceof ConfigError ? error.message : `failed to start: ${(error as Error).message}`;
    console.error(message);
    process.exit(1);
  });
}
