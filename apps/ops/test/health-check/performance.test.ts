import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrometheus } from '../../src/cli/prometheus.js';
import { P95_QUERY } from '../../src/commands/health-check/checks/performance.js';
import type { HealthReport } from '../../src/commands/health-check/report.js';
import { runCli } from '../harness/run-cli.js';
import { hasPrometheus, startMetricsEndpoint, startPrometheus } from './prometheus-fixture.js';

async function waitForSamples(url: string, query: string): Promise<void> {
  const deadline = Date.now() + 25_000;
  while (Date.now() < deadline) {
    const samples = await queryPrometheus(fetch, url, query).catch(() => []);
    if (samples.some((s) => Number.isFinite(s.value))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no samples for ${query}`);
}

if (process.env.CI === 'true' && !hasPrometheus) throw new Error('Prometheus is required in CI');

describe.skipIf(!hasPrometheus)(
  'health-check performance with a real Prometheus scraping a local /metrics',
  () => {
    let metrics: { url: string; server: Server };
    let prometheus: Awaited<ReturnType<typeof startPrometheus>>;

    beforeAll(async () => {
      // 8 % of requests slower than 1 s and 10 % answered 500: both runbook alerts should fire.
      metrics = await startMetricsEndpoint({ requests: 100, slow: 8, errors: 10 });
      prometheus = await startPrometheus(metrics.url);
      await waitForSamples(prometheus.url, P95_QUERY);
    }, 40_000);
    afterAll(async () => {
      await prometheus?.stop();
      metrics?.server.close();
    });

    it('warns on the runbook p95 and error-rate queries and exits 1 (degraded)', async () => {
      const r = await runCli(
        ['health-check', '--target', 'local', '--format', 'json', 'performance'],
        { env: { PROMETHEUS_URL: prometheus.url } },
      );
      const report = r.json<HealthReport>();
      const p95 = report.checks.find((c) => c.name === 'p95-latency');
      const errors = report.checks.find((c) => c.name === 'error-rate');
      expect(p95).toMatchObject({ status: 'warn', threshold: 1, category: 'performance' });
      expect(p95?.value).toBeGreaterThan(1);
      expect(p95?.value).toBeLessThanOrEqual(2.5);
      expect(p95?.message).toContain('meeting');
      expect(errors).toMatchObject({ status: 'warn', threshold: 5 });
      expect(errors?.value).toBeCloseTo(10, 0);
      expect(report.status).toBe('degraded');
      expect(r.code).toBe(1);
    });

    it('fails the performance checks when Prometheus does not answer', async () => {
      const r = await runCli(
        ['health-check', '--target', 'local', '--format', 'json', 'performance'],
        { env: { PROMETHEUS_URL: 'http://127.0.0.1:9' } },
      );
      const report = r.json<HealthReport>();
      expect(report.checks.find((c) => c.name === 'p95-latency')?.status).toBe('fail');
      expect(r.code).toBe(2);
    });

    it('skips performance when PROMETHEUS_URL is not set', async () => {
      const r = await runCli(
        ['health-check', '--target', 'local', '--format', 'json', 'performance'],
        { env: {} },
      );
      expect(r.json<HealthReport>().checks).toContainEqual(
        expect.objectContaining({ name: 'performance', status: 'skip' }),
      );
      expect(r.code).toBe(0);
    });
  },
);
