import { queryPrometheus } from '../../../cli/prometheus.js';
import type { CheckContext } from '../check-context.js';
import { safeUrl } from '@gomeet/platform/helpers';
import { oneLine, result, type CheckResult } from '../report.js';

/** The runbook's p95 query (its HighResponseTime alert), by service. */
export const P95_QUERY =
  'histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket[5m])) by (le, service))';
/** The runbook's error-rate query (its HighErrorRate alert), in percent. */
export const ERROR_RATE_QUERY =
  'sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) * 100';
/** p95 above this many seconds is a warning (the runbook's alert threshold). */
export const P95_WARN_SECONDS = 1;
/** An error rate above this percentage is a warning. */
export const ERROR_RATE_WARN_PERCENT = 5;

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

async function p95Check(ctx: CheckContext, url: string): Promise<CheckResult> {
  const samples = (await queryPrometheus(ctx.fetch, url, P95_QUERY, ctx.timeoutMs)).filter((s) =>
    Number.isFinite(s.value),
  );
  if (samples.length === 0)
    return result(
      'p95-latency',
      'performance',
      'skip',
      'no http_request_duration_seconds samples in the last 5 minutes',
    );
  const worst = samples.reduce((a, b) => (b.value > a.value ? b : a));
  const slow = samples
    .filter((s) => s.value > P95_WARN_SECONDS)
    .map((s) => `${s.metric.service ?? '?'} ${round(s.value)} s`);
  const message = slow.length
    ? `p95 above ${P95_WARN_SECONDS} s: ${slow.join(', ')}`
    : `highest p95 ${round(worst.value)} s (${worst.metric.service ?? 'all'})`;
  return result('p95-latency', 'performance', slow.length ? 'warn' : 'pass', message, {
    value: round(worst.value),
    threshold: P95_WARN_SECONDS,
  });
}

async function errorRateCheck(ctx: CheckContext, url: string): Promise<CheckResult> {
  const [sample] = await queryPrometheus(ctx.fetch, url, ERROR_RATE_QUERY, ctx.timeoutMs);
  // No 5xx series at all yields an empty vector; no traffic at all yields NaN (0/0).
  const total = await queryPrometheus(
    ctx.fetch,
    url,
    'sum(rate(http_requests_total[5m]))',
    ctx.timeoutMs,
  );
  if (!total[0] || !(total[0].value > 0))
    return result('error-rate', 'performance', 'skip', 'no HTTP traffic in the last 5 minutes');
  const percent = sample && Number.isFinite(sample.value) ? round(sample.value, 2) : 0;
  const status = percent > ERROR_RATE_WARN_PERCENT ? 'warn' : 'pass';
  return result(
    'error-rate',
    'performance',
    status,
    `${percent}% of requests answered 5xx over 5 minutes`,
    { value: percent, threshold: ERROR_RATE_WARN_PERCENT },
  );
}

/** Latency and error rate from Prometheus (PROMETHEUS_URL) with the runbook's own queries. */
export async function performanceChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const url = ctx.env.PROMETHEUS_URL;
  if (!url) return [result('performance', 'performance', 'skip', 'PROMETHEUS_URL not set')];
  const safe = async (name: string, check: () => Promise<CheckResult>) =>
    check().catch((e: unknown) =>
      result(name, 'performance', 'fail', `Prometheus at ${safeUrl(url)}: ${oneLine(e)}`),
    );
  return [
    await safe('p95-latency', () => p95Check(ctx, url)),
    await safe('error-rate', () => errorRateCheck(ctx, url)),
  ];
}
