import { describe, expect, it } from 'vitest';
import type { DeployReport } from '../../src/commands/master-deploy/summary.js';
import { runRunbookLine } from '../harness/runbook-line.js';

const PHASES = [
  'prerequisites',
  'infrastructure',
  'secrets',
  'images',
  'database',
  'services',
  'gateway',
  'monitoring',
  'autoscaling',
  'health',
  'verification',
  'cleanup',
];

/** The runbook's line from the repo root, with no cluster, kubeconfig or token. */
const script = (args: string[]) =>
  runRunbookLine(['./deployment/digitalocean/master-deploy.sh', ...args], {
    KUBECONFIG: '/nonexistent',
  });

describe('master-deploy.sh as the runbook writes it', () => {
  it('--dry-run lists the 12 phases and their actions in order without a cluster, exit 0', async () => {
    const r = await script(['--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^master-deploy plan for staging in namespace gomeet \(dry run/);
    const numbered = r.stdout.split('\n').filter((l) => /^\s*\d+\. /.test(l));
    expect(
      numbered.map((l) =>
        l
          .trim()
          .split(':')[0]
          ?.replace(/^\d+\. /, ''),
      ),
    ).toEqual(PHASES);
    expect(r.stdout).toContain('docker buildx bake --file deployment/docker-bake.hcl');
    expect(r.stdout).toContain('kubectl kustomize deployment/k8s/overlays/staging');
    expect(r.stdout).toContain('node services/auth/dist/migrate.js');
  });

  it('--environment production (planned with --dry-run) plans the production overlay', async () => {
    const r = await script(['--environment', 'production', '--dry-run', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as DeployReport;
    expect(report).toMatchObject({ environment: 'production', status: 'planned', dryRun: true });
    expect(report.phases.map((p) => p.name)).toEqual(PHASES);
    expect(report.phases.find((p) => p.name === 'services')?.actions[0]).toContain(
      'kubectl kustomize deployment/k8s/overlays/production',
    );
  });

  it('--verbose without a token stops at prerequisites, naming DIGITALOCEAN_TOKEN and the resume command, exit 1', async () => {
    const r = await script(['--verbose']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: prerequisites failed: DIGITALOCEAN_TOKEN is not set (the infrastructure phase needs it)',
    );
    expect(r.stdout).toContain(
      'then resume: ./deployment/digitalocean/master-deploy.sh --environment staging --from prerequisites',
    );
  });

  it('without a reachable cluster (the full deployment line) exits 3 with the hint', async () => {
    const r = await script(['--skip-infrastructure', '--skip-images']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: prerequisites failed: the Kubernetes API does not answer/m);
  });

  it('an unknown --from phase is a usage error listing the phases, exit 2', async () => {
    const r = await script(['--from', 'deploy', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --from must be one of ${PHASES.join(', ')}\n`);
  });
});
