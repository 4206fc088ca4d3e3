import type { Readiness } from '../check-context.js';
import { result, type CheckResult } from '../report.js';

/**
 * A data check answered by a service's /readyz when we cannot reach the dependency
 * ourselves: pass/fail as the service reports it, skip when it does not use it.
 */
export function fromReadiness(
  name: string,
  dependency: string,
  readiness: Readiness | undefined,
  envName: string,
): CheckResult {
  const state = readiness?.checks[dependency];
  if (state === undefined) {
    return result(
      name,
      'data',
      'skip',
      `${envName} not set and no service reports ${dependency} in /readyz`,
    );
  }
  return result(
    name,
    'data',
    state === 'ok' ? 'pass' : 'fail',
    `the services report ${dependency} ${state} (set ${envName} to check it directly)`,
    {
      value: state,
      threshold: 'ok',
    },
  );
}
