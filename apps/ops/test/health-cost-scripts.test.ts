import { describe, expect, it } from 'vitest';
import { runRunbookLine } from './harness/runbook-line.js';

/** Runs a runbook script from the repo root exactly as the runbook writes it. */
const script = runRunbookLine;

describe('runbook scripts deployment/digitalocean/{health-check,cost-monitor}.sh', () => {
  it('cost-monitor.sh --format json report prints the JSON report', async () => {
    const r = await script([
      './deployment/digitalocean/cost-monitor.sh',
      '--format',
      'json',
      'report',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { historicalDays: number }).historicalDays).toBe(30);
  });

  it('cost-monitor.sh --budget 35000 monitor exits 1 as the declared architecture with its egress is over budget', async () => {
    const r = await script([
      './deployment/digitalocean/cost-monitor.sh',
      '--budget',
      '35000',
      'monitor',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Budget \$35,000\.00/);
  });

  it('health-check.sh --namespace gomeet-dr-test check says what to do without a cluster, exit 3', async () => {
    const r = await script([
      './deployment/digitalocean/health-check.sh',
      '--namespace',
      'gomeet-dr-test',
      'check',
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'error: no Kubernetes cluster configured: run doctl kubernetes cluster kubeconfig save gomeet-cluster, or use --target local\n',
    );
  });

  it('health-check.sh with an unknown option is a usage error, exit 2', async () => {
    const r = await script(['./deployment/digitalocean/health-check.sh', '--bogus', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });
});
