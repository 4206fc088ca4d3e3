import { describe, expect, it } from 'vitest';
import type { BudgetCheck } from '../../src/commands/cost-monitor/budget.js';
import type { Estimate } from '../../src/commands/cost-monitor/model.js';
import { replayFetch } from '../harness/replay-fetch.js';
import { runCli } from '../harness/run-cli.js';

const TOKEN = 'dop_v1_test_token_not_real';
const now = () => new Date('2026-11-25T12:00:00Z');

interface MonitorJson {
  budget: BudgetCheck;
  estimate: Estimate;
  prices: { dropletPrices: string };
  runbook: { runbookMonthlyUsd: number; egressMonthlyUsd: number };
  inventory: { source: string };
}

describe('cost-monitor against recorded DigitalOcean API responses', () => {
  it('monitor prices the recorded account inventory at recorded /v2/sizes prices and flags a projected overspend with exit 1', async () => {
    const api = replayFetch(
      TOKEN,
      'digitalocean-sizes.json',
      'digitalocean-balance-over-budget.json',
      'digitalocean-account-gomeet.json',
    );
    const r = await runCli(['cost-monitor', '--budget', '35000', '--format', 'json', 'monitor'], {
      env: { DIGITALOCEAN_TOKEN: TOKEN },
      fetch: api.fetch,
      now,
    });
    const body = r.json<MonitorJson>();
    expect(api.requests).toEqual([
      'GET /v2/sizes?per_page=200',
      'GET /v2/sizes?page=2&per_page=200',
      'GET /v2/kubernetes/clusters?per_page=200',
      'GET /v2/databases?per_page=200',
      'GET /v2/load_balancers?per_page=200',
      'GET /v2/volumes?per_page=200',
      'GET /v2/registries',
      'GET /v2/customers/my/balance',
    ]);
    expect(body.prices.dropletPrices).toBe('digitalocean-api');
    expect(body.inventory.source).toBe('digitalocean-api');
    expect(body.estimate.lines.map((l) => [l.item, l.quantity, l.monthlyUsd])).toEqual([
      ['Kubernetes nodes gomeet-general c-8 (8 vCPU, 16 GiB)', 3, 504],
      ['Kubernetes nodes gomeet-media c-32-intel (32 vCPU, 64 GiB)', 6, 5400],
      ['Kubernetes HA control plane', 1, 40],
      ['Managed pg gomeet-db db-s-16vcpu-64gb', 3, 2880],
      ['Managed valkey gomeet-redis db-s-8vcpu-32gb', 3, 1440],
      ['Load balancer', 2, 24],
      ['Container registry (professional)', 1, 20],
      ['Spaces (250 GiB stored, 1024 GiB out)', 1, 5],
      // The recorded volumes: prometheus-data 200 GiB and loki-data 100 GiB.
      ['Block storage volumes', 300, 30],
      ['Egress beyond the pooled droplet allowance', expect.any(Number), expect.any(Number)],
    ]);
    // c-32-intel is on the recorded /v2/sizes page 2 at $900; c-8 is not, so the table's price.
    expect(body.estimate.lines[1]?.priceSource).toBe('digitalocean-api');
    expect(body.estimate.lines[0]?.priceSource).toBe('price-table');
    expect(body.estimate.assumptions.join('\n')).toMatch(
      /egress from the capacity model: 50000 participants/,
    );
    // $30,512.44 over 24.5 days of a 30-day month → $37,362.17 projected.
    expect(body.budget).toMatchObject({
      spendSource: 'month-to-date',
      monthToDateUsd: 30_512.44,
      projectedMonthUsd: 37_362.17,
      status: 'over',
    });
    expect(r.code).toBe(1);
  });

  it('monitor exits 0 when the recorded month-to-date projects within budget', async () => {
    const api = replayFetch(
      TOKEN,
      'digitalocean-sizes.json',
      'digitalocean-balance-within-budget.json',
      'digitalocean-account-gomeet.json',
    );
    const r = await runCli(['cost-monitor', 'monitor', '--format', 'json'], {
      env: { DIGITALOCEAN_TOKEN: TOKEN, BUDGET_USD: '35000' },
      fetch: api.fetch,
      now,
    });
    expect(r.json<MonitorJson>().budget).toMatchObject({
      projectedMonthUsd: 12_000.12,
      percentOfBudget: 34.3,
      status: 'ok',
    });
    expect(r.code).toBe(0);
  });

  it('report --historical-days 30 lists the recorded billing history of the last 30 days only', async () => {
    const api = replayFetch(TOKEN, 'digitalocean-sizes.json', 'digitalocean-billing-history.json');
    const r = await runCli(
      ['cost-monitor', '--historical-days', '30', '--format', 'json', 'report'],
      { env: { DIGITALOCEAN_TOKEN: TOKEN }, fetch: api.fetch, now },
    );
    const body = r.json<{
      history: { items: { description: string; amountUsd: number }[]; invoicedUsd: number };
      note: string | null;
    }>();
    expect(r.code).toBe(0);
    expect(body.note).toBeNull();
    expect(body.history.items.map((i) => i.description)).toEqual([
      'Invoice for October 2026',
      'Payment (Visa 4242)',
      'Credit (service outage)',
    ]);
    expect(body.history.invoicedUsd).toBe(24_871.32);
  });

  it('report without a token shows the estimate and says why there is no history', async () => {
    const r = await runCli(['cost-monitor', '--format', 'json', 'report'], {
      env: {},
      now,
      fetch: () => Promise.reject(new Error('no network in tests')),
    });
    const body = r.json<{ history: null; note: string; estimate: Estimate }>();
    expect(body.history).toBeNull();
    expect(body.note).toContain('DIGITALOCEAN_TOKEN not set');
    // The capacity model's cluster for 50,000: 14 × c-32-intel (cost-monitor plan's answer).
    expect(body.estimate.totalMonthlyUsd).toBe(90_686.53);
  });

  it('exits 3 with one line, without the token, when the recorded API refuses it', async () => {
    const api = replayFetch(TOKEN, 'digitalocean-unauthorized.json');
    const r = await runCli(['cost-monitor', 'monitor'], {
      env: { DIGITALOCEAN_TOKEN: TOKEN },
      fetch: api.fetch,
      now,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'error: DigitalOcean API refused DIGITALOCEAN_TOKEN (HTTP 401): check the token and its scopes\n',
    );
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
  });
});
