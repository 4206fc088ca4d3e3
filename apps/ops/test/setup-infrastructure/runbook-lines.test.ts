import { afterEach, describe, expect, it } from 'vitest';
import type { ResourceResult } from '../../src/commands/setup-infrastructure/provision.js';
import { startDoReplayServer, type DoReplayServer } from '../harness/do-replay-server.js';
import { runRunbookLine } from '../harness/runbook-line.js';

const TOKEN = 'dop_v1_runbook_lines_token_not_real';
const SCRIPT = './deployment/digitalocean/setup-infrastructure.sh';

/** Runs the runbook's line from the repo root, the DigitalOcean API replayed on loopback. */
const line = (args: string[], env: NodeJS.ProcessEnv) => runRunbookLine([SCRIPT, ...args], env);

const rows = (stdout: string) => (JSON.parse(stdout) as { resources: ResourceResult[] }).resources;

describe('runbook lines ./deployment/digitalocean/setup-infrastructure.sh against recorded DigitalOcean API responses', () => {
  let api: DoReplayServer | undefined;
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });
  const withApi = async (recording: string) => {
    api = await startDoReplayServer({
      token: TOKEN,
      recordings: [recording, 'digitalocean-sizes.json'],
      pollsUntilReady: 0,
    });
    return { DIGITALOCEAN_TOKEN: TOKEN, DIGITALOCEAN_API_URL: api.url };
  };

  it('--dry-run without a token lists every create in order, exit 0', async () => {
    const r = await line(['--dry-run'], {});
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => /would-create/.test(l))
        .map((l) => l.trim().split(/\s+/).slice(0, 2).join(' ')),
    ).toEqual([
      'vpc gomeet-vpc',
      'registry gomeet',
      'kubernetes-cluster gomeet-cluster',
      'node-pool gomeet-general',
      'node-pool gomeet-media',
      'database gomeet-db',
      'database gomeet-redis',
      'spaces-bucket gomeet-backups',
      'registry-integration gomeet-cluster',
      'firewall gomeet-nodes',
      'database-firewall gomeet-db',
      'database-firewall gomeet-redis',
    ]);
    expect(r.stdout).toMatch(
      /^GoMeet infrastructure in fra1 \(dry run: nothing created\); VPC 10\.110\.0\.0\/20/,
    );
    expect(r.stdout).toContain('0 existed, 0 created, 12 to create, 1 skipped');
  });

  it('as written, creates the missing resources in the replayed account (Spaces skipped without keys)', async () => {
    const r = await line([], await withApi('digitalocean-account-empty.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('0 existed, 11 created, 0 to create, 2 skipped');
    expect(r.stdout).toMatch(
      /spaces-bucket\s+gomeet-backups\s+skipped\s+SPACES_KEY\/SPACES_SECRET not set/,
    );
    expect(r.stderr).toContain('cluster gomeet-cluster: running');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('--skip-database --dry-run plans Valkey but not PostgreSQL', async () => {
    const r = await line(
      ['--skip-database', '--dry-run', '--format', 'json'],
      await withApi('digitalocean-account-empty.json'),
    );
    expect(r.code, r.stderr).toBe(0);
    const dbs = rows(r.stdout).filter((x) => x.resource === 'database');
    expect(dbs.map((d) => [d.name, d.status])).toEqual([
      ['gomeet-db', 'skipped'],
      ['gomeet-redis', 'would-create'],
    ]);
    expect(api!.writes()).toEqual([]);
  });

  it('--skip-redis --dry-run on the recorded running account finds everything but the bucket existing', async () => {
    const r = await line(
      ['--skip-redis', '--dry-run', '--format', 'json'],
      await withApi('digitalocean-account-gomeet.json'),
    );
    expect(r.code, r.stderr).toBe(0);
    const byName = Object.fromEntries(
      rows(r.stdout).map((x) => [`${x.resource} ${x.name}`, x.status]),
    );
    expect(byName).toMatchObject({
      'vpc gomeet-vpc': 'existed',
      'kubernetes-cluster gomeet-cluster': 'existed',
      'database gomeet-db': 'existed',
      'database gomeet-redis': 'skipped',
      'firewall gomeet-nodes': 'existed',
      'database-firewall gomeet-db': 'existed',
      'load-balancer gomeet-lb': 'existed',
    });
    expect(api!.writes()).toEqual([]);
  });

  it('--plan-expansion reads the recorded node pools, says no cluster is reachable, and prices the next sizes at the recorded /v2/sizes prices', async () => {
    const r = await line(['--plan-expansion'], await withApi('digitalocean-account-gomeet.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /gomeet-general: 3 × c-8 → next 4 nodes: \$504\.00 → \$672\.00\/month/,
    );
    expect(r.stdout).toMatch(
      /gomeet-media: 6 × c-32-intel → next 8 nodes: \$5,400\.00 → \$7,200\.00\/month/,
    );
    expect(r.stdout).toContain('no Kubernetes cluster reachable');
    expect(api!.writes()).toEqual([]);
  });
});
