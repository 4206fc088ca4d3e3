/** Process exit codes every gomeet-ops command uses. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, UNREACHABLE: 3 } as const;

/**
 * Thrown by a command to end with `exitCode`; only `main()` turns it into `process.exit`.
 * An empty message means the command already reported its outcome (e.g. a degraded report).
 */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}
