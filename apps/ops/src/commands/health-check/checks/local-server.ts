import { EXIT, ExitError } from '../../../cli/exit.js';
import { parseReadiness, type CheckContext, type Readiness } from '../check-context.js';
import { oneLine, result, type CheckResult } from '../report.js';

/** The local stack's base URL: GOMEET_URL, default http://localhost:8080. */
export function localBaseUrl(env: NodeJS.ProcessEnv): string {
  return (env.GOMEET_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
}

/**
 * Reads the local server's /readyz. Throws ExitError(3) when nothing answers at all, since
 * then no other check means anything.
 */
export async function fetchLocalReadiness(ctx: CheckContext): Promise<Readiness> {
  const url = `${localBaseUrl(ctx.env)}/readyz`;
  let response: Response;
  try {
    response = await ctx.fetch(url, { signal: AbortSignal.timeout(ctx.timeoutMs) });
  } catch (error) {
    throw new ExitError(
      EXIT.UNREACHABLE,
      `GoMeet at ${localBaseUrl(ctx.env)} unreachable (${oneLine(error)}): start it with npm start, or set GOMEET_URL`,
    );
  }
  const body: unknown = await response.json().catch(() => ({}));
  return parseReadiness(response.status, body);
}

/** The local server's readiness and each dependency it reports, as checks. */
export function localServerChecks(readiness: Readiness, baseUrl: string): CheckResult[] {
  const ready = readiness.httpStatus === 200;
  const results = [
    result(
      'server',
      'services',
      ready ? 'pass' : 'fail',
      `${baseUrl}/readyz answers ${readiness.httpStatus} ${readiness.status}`,
      {
        value: readiness.httpStatus,
        threshold: 200,
      },
    ),
  ];
  for (const [dependency, state] of Object.entries(readiness.checks)) {
    results.push(
      result(
        `server/${dependency}`,
        'services',
        state === 'ok' ? 'pass' : 'fail',
        `the server reports ${dependency} ${state}`,
        {
          value: state,
          threshold: 'ok',
        },
      ),
    );
  }
  return results;
}
