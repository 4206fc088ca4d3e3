import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceResult } from '../../src/commands/setup-infrastructure/provision.js';
import { tempDir } from '../backup-restore/fixtures.js';
import { startDoReplayServer, type DoReplayServer } from '../harness/do-replay-server.js';
import { runCli } from '../harness/run-cli.js';

const TOKEN = 'dop_v1_setup_infra_test_token_not_real';
const now = () => new Date('2026-11-25T12:00:00Z');

interface SetupJson {
  dryRun: boolean;
  resources: ResourceResult[];
}

const statusOf = (rows: ResourceResult[]) =>
  Object.fromEntries(rows.map((r) => [`${r.resource} ${r.name}`, r.status]));

describe('setup-infrastructure against a stateful replay of recorded DigitalOcean API responses', () => {
  let s3: S3rver;
  let spacesEndpoint = '';
  let api: DoReplayServer | undefined;
  beforeAll(async () => {
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir() });
    const { port } = await s3.run();
    spacesEndpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await s3?.close();
  });
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  const cli = (argv: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    runCli(['setup-infrastructure', '--format', 'json', '--poll-interval', '0.001', ...argv], {
      env: {
        DIGITALOCEAN_TOKEN: TOKEN,
        DIGITALOCEAN_API_URL: api!.url,
        SPACES_ENDPOINT: spacesEndpoint,
        SPACES_KEY: 'S3RVER',
        SPACES_SECRET: 'S3RVER',
        ...extraEnv,
      },
      now,
    });

  it('creates everything in a recorded empty account, waiting on stderr, and a second run creates nothing', async () => {
    api = await startDoReplayServer({
      token: TOKEN,
      recordings: ['digitalocean-account-empty.json'],
      pollsUntilReady: 2,
    });
    const first = await cli([]);
    expect(first.code, first.stderr).toBe(0);
    expect(statusOf(first.json<SetupJson>().resources)).toEqual({
      'vpc gomeet-vpc': 'created',
      'registry gomeet': 'created',
      'kubernetes-cluster gomeet-cluster': 'created',
      'node-pool gomeet-general': 'created',
      'node-pool gomeet-media': 'created',
      'database gomeet-db': 'created',
      'database gomeet-redis': 'created',
      'spaces-bucket gomeet-backups': 'created',
      'registry-integration gomeet-cluster': 'created',
      'firewall gomeet-nodes': 'created',
      'database-firewall gomeet-db': 'created',
      'database-firewall gomeet-redis': 'created',
      'load-balancer gomeet-lb': 'skipped',
    });
    expect(api.writes().map((w) => w.replace(/[0-9a-f-]{36}/g, '{id}'))).toEqual([
      'POST /v2/vpcs',
      'POST /v2/registries',
      'POST /v2/kubernetes/clusters',
      'POST /v2/databases',
      'POST /v2/databases',
      'POST /v2/kubernetes/registry',
      'POST /v2/firewalls',
      'PUT /v2/databases/{id}/firewall',
      'PUT /v2/databases/{id}/firewall',
    ]);
    const body = (path: string) => api!.bodies.find((b) => b.path === path)?.body;
    expect(body('/v2/vpcs')).toMatchObject({
      name: 'gomeet-vpc',
      region: 'fra1',
      ip_range: '10.110.0.0/20',
    });
    expect(body('/v2/kubernetes/clusters')).toMatchObject({
      name: 'gomeet-cluster',
      cluster_subnet: '10.244.0.0/16',
      service_subnet: '10.245.0.0/16',
      node_pools: [
        {
          name: 'gomeet-general',
          auto_scale: true,
          min_nodes: 3,
          max_nodes: 20,
          labels: { 'gomeet.io/pool': 'general' },
        },
        {
          name: 'gomeet-media',
          auto_scale: true,
          min_nodes: 3,
          max_nodes: 20,
          labels: { 'gomeet.io/pool': 'media' },
          taints: [{ key: 'gomeet.io/media', value: 'true', effect: 'NoSchedule' }],
        },
      ],
    });
    const dbs = api.bodies.filter((b) => b.path === '/v2/databases').map((b) => b.body);
    expect(dbs).toMatchObject([
      { name: 'gomeet-db', engine: 'pg', num_nodes: 3 },
      { name: 'gomeet-redis', engine: 'valkey', num_nodes: 3 },
    ]);
    const firewall = body('/v2/firewalls') as {
      tags: string[];
      inbound_rules: { protocol: string; ports: string }[];
    };
    expect(firewall.tags[0]).toMatch(/^k8s:[0-9a-f-]{36}$/);
    expect(firewall.inbound_rules.map((r) => `${r.ports}/${r.protocol}`)).toEqual([
      '443/tcp',
      '3478/udp',
      '3478/tcp',
      '5349/tcp',
      '7881/tcp',
      '50000-60000/udp',
    ]);
    expect(first.stderr).toMatch(
      /waiting for cluster gomeet-cluster: provisioning \(0:00 of 30:00\)/,
    );
    expect(first.stderr).toMatch(/waiting for database gomeet-db: creating/);
    expect(first.stderr + first.stdout).not.toContain(TOKEN);

    const writesBefore = api.writes().length;
    const second = await cli([]);
    expect(second.code, second.stderr).toBe(0);
    const statuses = new Set(second.json<SetupJson>().resources.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['existed', 'skipped']);
    expect(api.writes().length).toBe(writesBefore);
  });

  it('--skip-database and --skip-redis leave the recorded account without those databases', async () => {
    api = await startDoReplayServer({
      token: TOKEN,
      recordings: ['digitalocean-account-empty.json'],
      pollsUntilReady: 0,
    });
    const r = await cli(['--skip-database', '--skip-redis']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.json<SetupJson>().resources;
    expect(rows.filter((x) => x.resource.startsWith('database'))).toMatchObject([
      { name: 'gomeet-db', status: 'skipped', detail: '--skip-database' },
      { name: 'gomeet-redis', status: 'skipped', detail: '--skip-redis' },
    ]);
    expect(api.writes().filter((w) => w.includes('/v2/databases'))).toEqual([]);
  });

  it('gives up after --wait-timeout with exit 1 and says a rerun continues', async () => {
    api = await startDoReplayServer({
      token: TOKEN,
      recordings: ['digitalocean-account-empty.json'],
      pollsUntilReady: 1_000,
    });
    const r = await cli(['--wait-timeout', '0.0005', '--format', 'text']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: cluster gomeet-cluster still provisioning after 0:0\d: rerun setup-infrastructure later \(it creates nothing twice\)/,
    );
  });

  it('refuses a recorded gomeet-vpc of 10.244.0.0/16 (the DOKS pod network) before creating anything', async () => {
    api = await startDoReplayServer({
      token: TOKEN,
      recordings: ['digitalocean-account-vpc-10-244.json'],
    });
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('vpc range 10.244.0.0/16 overlaps pod range 10.244.0.0/16');
    expect(api.writes()).toEqual([]);
  });

  it('refuses overlapping --vpc-range/--service-range flags and env, exit 2, with no token needed', async () => {
    const flags = await runCli(
      ['setup-infrastructure', '--dry-run', '--vpc-range', '10.244.0.0/16'],
      { env: {} },
    );
    expect(flags.code).toBe(2);
    expect(flags.stderr).toBe(
      'error: refusing overlapping networks: vpc range 10.244.0.0/16 overlaps pod range 10.244.0.0/16. Choose ranges that do not overlap (defaults: --vpc-range 10.110.0.0/20, --pod-range 10.244.0.0/16, --service-range 10.245.0.0/16)\n',
    );
    const env = await runCli(['setup-infrastructure', '--dry-run'], {
      env: { GOMEET_SERVICE_RANGE: '10.110.8.0/21' },
    });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('vpc range 10.110.0.0/20 overlaps service range 10.110.8.0/21');
  });

  it('without DIGITALOCEAN_TOKEN and without --dry-run says what to do, exit 2', async () => {
    const r = await runCli(['setup-infrastructure'], { env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: DIGITALOCEAN_TOKEN is not set: export a token with read and write scopes, or add --dry-run to see the plan\n',
    );
  });
});
