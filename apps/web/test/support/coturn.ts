import { existsSync } from 'node:fs';
import { startGoMeet, type RunningGoMeet } from '@gomeet/server';

/**
 * Whether coturn is installed. In CI its absence fails the test file that needs it; elsewhere
 * the file's suite is skipped and `what` is named in a warning.
 */
export function haveCoturn(what: string): boolean {
  const found = ['/usr/bin/turnserver', '/usr/sbin/turnserver'].some((p) => existsSync(p));
  if (!found && process.env.CI === 'true')
    throw new Error('coturn is required in CI: scripts/install-system-deps.sh installs it');
  if (!found) console.warn(`skipping ${what}: coturn (turnserver) is not installed`);
  return found;
}

/**
 * A GoMeet with its own coturn, as `npm start` has when coturn is installed, on a relay port
 * range of its own so parallel runs on this machine do not share one.
 */
export function startGoMeetWithCoturn(): Promise<RunningGoMeet> {
  const first = 40_000 + Math.floor(Math.random() * 200) * 100;
  return startGoMeet({
    logLevel: false,
    env: { TURN_BIN: 'turnserver', TURN_PORT: '0', TURN_RELAY_PORTS: `${first}-${first + 99}` },
  });
}
