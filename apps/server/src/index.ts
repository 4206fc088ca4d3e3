import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '@gomeet/platform';
import { serverEnv } from './config.js';
import { startServer, type RunningGoMeet } from './start.js';

export { serverEnv, type ServerConfig } from './config.js';
export { startServer, type RunningGoMeet } from './start.js';

/** Options for starting GoMeet from a test or a benchmark. */
export interface StartGoMeetOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Environment for the server; process.env is not read. */
  env?: Record<string, string | undefined>;
  logLevel?: string | false;
}

/**
 * Starts the all-in-one server on loopback with embedded PGlite in a fresh temp dir (unless the
 * env says otherwise) and its own LiveKit on free ports.
 */
export async function startGoMeet(options: StartGoMeetOptions = {}): Promise<RunningGoMeet> {
  const env = {
    GOMEET_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'gomeet-')),
    LIVEKIT_PORT: '0',
    // Tests that want coturn ask for it (TURN_BIN: 'turnserver'), on a free port.
    TURN_BIN: 'off',
    TURN_PORT: '0',
    ...options.env,
    HOST: options.host ?? options.env?.HOST ?? '127.0.0.1',
    PORT: String(options.port ?? 0),
    LOG_LEVEL:
      options.logLevel === false
        ? 'silent'
        : (options.logLevel ?? options.env?.LOG_LEVEL ?? 'warn'),
  };
  const config = parseConfig(serverEnv, env);
  // Free ports are picked before they are bound, so another process may take one in between:
  // try again with fresh ones rather than fail a test for it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer({ config });
    } catch (error) {
      const portTaken = /EADDRINUSE|LiveKit failed to start|LiveKit did not become ready/.test(
        String(error),
      );
      if (!portTaken || attempt >= 3) throw error;
    }
  }
}
