/** Outcome of one check: pass, warn (degraded), fail (unhealthy), skip (not configured). */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** What each check area is about; `services` and `performance` select by category. */
export type CheckCategory =
  'services' | 'data' | 'media' | 'network' | 'resources' | 'performance' | 'security';

/** One line of the report. `value` and `threshold` are numbers or short strings, or null. */
export interface CheckResult {
  name: string;
  category: CheckCategory;
  status: CheckStatus;
  value: number | string | null;
  threshold: number | string | null;
  message: string;
}

/** The overall verdict: healthy (all pass/skip), degraded (any warn), unhealthy (any fail). */
export type OverallStatus = 'healthy' | 'degraded' | 'unhealthy';

/** The `--format json` document of `health-check`. */
export interface HealthReport {
  status: OverallStatus;
  checkedAt: string;
  target: 'cluster' | 'local';
  namespace: string;
  checks: CheckResult[];
}

/** Folds check statuses into the overall status. */
export function overallStatus(checks: readonly CheckResult[]): OverallStatus {
  if (checks.some((c) => c.status === 'fail')) return 'unhealthy';
  if (checks.some((c) => c.status === 'warn')) return 'degraded';
  return 'healthy';
}

/** Exit code of a report: 0 healthy, 1 degraded, 2 unhealthy (as the issue asks). */
export function exitCodeOf(status: OverallStatus): number {
  return status === 'healthy' ? 0 : status === 'degraded' ? 1 : 2;
}

/** Shorthand to build a result; value and threshold default to null. */
export function result(
  name: string,
  category: CheckCategory,
  status: CheckStatus,
  message: string,
  extra: { value?: number | string | null; threshold?: number | string | null } = {},
): CheckResult {
  return {
    name,
    category,
    status,
    value: extra.value ?? null,
    threshold: extra.threshold ?? null,
    message,
  };
}

/** Runs a check, turning an unexpected throw into a failed result instead of a crash. */
export async function guarded(
  name: string,
  category: CheckCategory,
  check: () => Promise<CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    return await check();
  } catch (error) {
    return [result(name, category, 'fail', oneLine(error))];
  }
}

/** First line of an error's message, for one-line reports. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.split('\n')[0] ?? text;
}
