import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createEmptyDatabase, startRedis, type KubeCluster } from '@gomeet/testing';
import { Redis } from 'ioredis';
import S3rver from 's3rver';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HealthReport } from '../../src/commands/health-check/report.js';
import { seedDatabase, seedRedis, sql, tableDigests, tempDir } from '../backup-restore/fixtures.js';
import { startDoReplayServer, type DoReplayServer } from '../harness/do-replay-server.js';
import {
  controlPlaneAvailable,
  kubectlOk,
  ROOT,
  startProductionCluster,
} from '../harness/production-cluster.js';
import { runCli } from '../harness/run-cli.js';

/*
 * Every runbook line (apps/ops/test/runbook/lines.ts) that no other test runs as written, run
 * here from the repository root through its wrapper in deployment/digitalocean/, each through
 * `bash -c` exactly as written: one test control plane with the production overlay, real
 * PostgreSQL and Redis, Spaces on a loopback S3 server (s3rver), the DigitalOcean API replayed
 * on loopback (DIGITALOCEAN_API_URL), a loopback SMTP server, and a loopback HTTPS proxy that
 * records and refuses the Slack webhook's CONNECT. Backup names are UTC, so the shell runs with
 * TZ=UTC (docs/RUNBOOK.md: the seed's local-time `date` matches whenever the machine runs in UTC).
 */

const postgresUrl = inject('postgresUrl');
const ready = controlPlaneAvailable('runbook remaining lines');
const TOKEN = 'dop_v1_runbook_remaining_lines_not_real';
const S3_KEY = 'S3RVER';

/** The real aws CLI when it runs here; otherwise the test puts a small fake on PATH. */
const realAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
const AWS = realAws ? 'the real aws CLI' : 'a fake aws on PATH (aws CLI not installed)';
const hasDockerCli = spawnSync('docker', ['--version']).status === 0;

/** `aws s3 ls s3://BUCKET/PREFIX --recursive` against AWS_ENDPOINT_URL, as aws prints it. */
const FAKE_AWS = `#!/usr/bin/env node
// Fake aws for tests: only \`aws s3 ls s3://BUCKET/PREFIX --recursive\`, against AWS_ENDPOINT_URL.
const [service, verb, url] = process.argv.slice(2);
if (service !== 's3' || verb !== 'ls' || !url?.startsWith('s3://')) process.exit(2);
const [bucket, ...prefix] = url.slice(5).split('/');
const res = await fetch(\`\${process.env.AWS_ENDPOINT_URL}/\${bucket}?list-type=2&prefix=\${encodeURIComponent(prefix.join('/'))}\`);
const xml = await res.text();
for (const [, item] of xml.matchAll(/<Contents>([\\s\\S]*?)<\\/Contents>/g)) {
  const tag = (t) => new RegExp(\`<\${t}>([^<]*)</\${t}>\`).exec(item)[1];
  const when = new Date(tag('LastModified')).toISOString().replace('T', ' ').slice(0, 19);
  console.log(\`\${when} \${tag('Size').padStart(10)} \${tag('Key')}\`);
}
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** yyyymmdd of a UTC date. */
const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

describe.skipIf(!ready || !postgresUrl)(
  'runbook lines no other test runs as written, through the wrappers on one test control plane',
  () => {
    let cluster: KubeCluster;
    let redis: Awaited<ReturnType<typeof startRedis>>;
    let s3: S3rver;
    let api: DoReplayServer;
    let smtp: SMTPServer;
    let proxy: Server;
    const mails: { to: string[]; data: string }[] = [];
    const connects: string[] = [];
    let sourceDb = '';
    let drDb = '';
    let seeded: Record<string, string> = {};
    let env: NodeJS.ProcessEnv = {};
    let doEnv: NodeJS.ProcessEnv = {};
    let smtpUrl = '';
    let proxyUrl = '';
    const backupDir = tempDir();
    const binDir = tempDir();
    const yesterday = new Date(Date.now() - 86_400_000);
    const day = yesterday.toISOString().slice(0, 10);

    /** Runs one line through `bash -c` from the repo root; `interruptWhen` sends Ctrl-C. */
    function sh(
      line: string,
      extra: NodeJS.ProcessEnv = {},
      interruptWhen?: (stdout: string) => boolean,
    ): Promise<Run> {
      return new Promise((resolve, reject) => {
        const child = spawn('bash', ['-c', line], {
          cwd: ROOT,
          env: { ...env, ...extra },
          detached: true, // its own process group, as a terminal's foreground job
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        let interrupted = false;
        const bound = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 90_000);
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (interruptWhen && !interrupted && interruptWhen(stdout)) {
            interrupted = true;
            process.kill(-child.pid!, 'SIGINT'); // Ctrl-C
          }
        });
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(bound);
          resolve({ code, stdout, stderr });
        });
      });
    }

    const wipe = async () => {
      await sql(sourceDb, 'drop schema public cascade; create schema public');
      const r = new Redis(`${redis.url}/1`);
      await r.flushdb();
      r.disconnect();
    };
    const fixtureBackup = async (iso: string) => {
      const r = await runCli(['backup-restore', 'backup'], {
        env: { ...env },
        cwd: ROOT,
        now: () => new Date(iso),
      });
      if (r.code !== 0) throw new Error(`fixture backup at ${iso} failed: ${r.stderr}`);
    };

    beforeAll(async () => {
      [cluster, redis, sourceDb, drDb] = await Promise.all([
        startProductionCluster(),
        startRedis(),
        createEmptyDatabase(postgresUrl!),
        createEmptyDatabase(postgresUrl!),
      ]);
      s3 = new S3rver({
        address: '127.0.0.1',
        port: 0,
        silent: true,
        directory: tempDir(),
        configureBuckets: [{ name: 'gomeet-backups', configs: [] }],
      });
      const { port: s3Port } = await s3.run();
      api = await startDoReplayServer({
        token: TOKEN,
        recordings: [
          'digitalocean-account-gomeet.json',
          'digitalocean-sizes.json',
          'digitalocean-balance-over-budget.json',
          'digitalocean-billing-history.json',
        ],
        pollsUntilReady: 0,
      });
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onData(stream, session, callback) {
          let data = '';
          stream.on('data', (d: Buffer) => (data += d.toString()));
          stream.on('end', () => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
      proxy = createServer((_req, res) => res.writeHead(403).end());
      proxy.on('connect', (req, socket) => {
        connects.push(req.url ?? '');
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      if (!realAws) {
        writeFileSync(path.join(binDir, 'aws'), FAKE_AWS);
        chmodSync(path.join(binDir, 'aws'), 0o755);
      }

      const endpoint = `http://127.0.0.1:${s3Port}`;
      env = {
        PATH: realAws ? process.env.PATH : `${binDir}:${process.env.PATH}`,
        HOME: process.env.HOME,
        KUBECONFIG: cluster.kubeconfig,
        TZ: 'UTC',
        BACKUP_DIR: backupDir,
        SPACES_ENDPOINT: endpoint,
        SPACES_KEY: S3_KEY,
        SPACES_SECRET: S3_KEY,
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: S3_KEY,
        AWS_SECRET_ACCESS_KEY: S3_KEY,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      };
      doEnv = { DIGITALOCEAN_TOKEN: TOKEN, DIGITALOCEAN_API_URL: api.url };

      // What the runbook's earlier steps leave: data, and the Secrets setup-secrets.sh writes
      // (the managed database and Redis are the real ones here).
      await seedDatabase(sourceDb);
      await seedRedis(`${redis.url}/1`);
      seeded = await tableDigests(sourceDb);
      const secrets = await sh('./deployment/digitalocean/setup-secrets.sh', {
        DATABASE_URL: sourceDb,
        REDIS_URL: `${redis.url}/1`,
      });
      if (secrets.code !== 0) throw new Error(`setup-secrets.sh failed: ${secrets.stderr}`);
      // The operator exports the backup key from its Secret, as the CLI's hint says.
      const key = await kubectlOk(cluster, [
        'get',
        'secret',
        'backup-encryption-key',
        '-n',
        'gomeet',
        '-o',
        'jsonpath={.data.BACKUP_ENCRYPTION_KEY}',
      ]);
      env.BACKUP_ENCRYPTION_KEY = Buffer.from(key, 'base64').toString();
      expect(Buffer.from(env.BACKUP_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
      // Earlier nightly backups in Spaces, made by gomeet-ops itself at a set clock: the one the
      // runbook names, and two of yesterday (cleanup keeps only the newest of a day).
      await fixtureBackup('2023-10-25T12:00:00Z');
      await fixtureBackup(`${day}T01:00:00Z`);
      await fixtureBackup(`${day}T13:00:00Z`);
      // The DR namespace with its own empty database and Redis.
      await kubectlOk(cluster, ['create', 'namespace', 'gomeet-dr-test']);
      const dr = await sh(
        './deployment/digitalocean/setup-secrets.sh --namespace gomeet-dr-test --database',
        { DATABASE_URL: drDb, REDIS_URL: `${redis.url}/2` },
      );
      if (dr.code !== 0)
        throw new Error(`setup-secrets.sh for gomeet-dr-test failed: ${dr.stderr}`);
    }, 180_000);

    afterAll(async () => {
      await Promise.all([
        cluster?.stop(),
        redis?.stop(),
        s3?.close(),
        api?.stop(),
        new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve())),
        new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve())),
      ]);
      rmSync(backupDir, { recursive: true, force: true });
      rmSync(binDir, { recursive: true, force: true });
    });

    // ---------------------------------------------------------------- rolling-update.sh (first, while the fresh cluster's nodes are all Ready)
    const authImage = () =>
      kubectlOk(cluster, [
        'get',
        'deployment',
        'auth-service',
        '-n',
        'gomeet',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ]);

    it('rolling-update.sh update auth-service latest is refused (no rollout, nothing to roll back to), exit 2, nothing changed', async () => {
      const image = await authImage();
      const r = await sh(`./deployment/digitalocean/rolling-update.sh update auth-service latest`);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^error: refusing tag "latest": an unchanged image name starts no rollout and leaves no revision to roll back to/,
      );
      expect(await authImage()).toBe(image);
    }, 60_000);

    it('rolling-update.sh rollback auth-service returns to the previous revision and follows the rollout', async () => {
      const first = await authImage();
      const REGISTRY = 'registry.digitalocean.com/gomeet';
      await kubectlOk(cluster, [
        'set',
        'image',
        '-n',
        'gomeet',
        'deployment/auth-service',
        `auth-service=${REGISTRY}/auth-service:v1.2.3`,
      ]);
      await kubectlOk(cluster, [
        'rollout',
        'status',
        '-n',
        'gomeet',
        'deployment/auth-service',
        '--timeout=60s',
      ]).catch(async (e) => {
        // What held the rollout (on a loaded machine kwok's nodes can turn NotReady for a while).
        console.log(
          (
            await cluster.kubectl([
              'get',
              'pods,rs',
              '-n',
              'gomeet',
              '-l',
              'app=auth-service',
              '-o',
              'wide',
            ])
          ).stdout,
        );
        console.log(
          (
            await cluster.kubectl(['get', 'events', '-n', 'gomeet', '--sort-by=.lastTimestamp'])
          ).stdout
            .split('\n')
            .slice(-25)
            .join('\n'),
        );
        throw e;
      });
      const r = await sh(`./deployment/digitalocean/rolling-update.sh rollback auth-service`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        `auth-service: ${REGISTRY}/auth-service:v1.2.3 → ${first} (rolling)`,
      );
      expect(r.stdout).toMatch(
        // Every replica available; how many depends on whether the HPA has raised it to 8 yet.
        /revision 2 → 3, replicaset auth-service-\w+ → auth-service-\w+, (\d+)\/\1 available/,
      );
      expect(r.stdout).toContain('complete: rollout complete');
      expect(await authImage()).toBe(first);
    }, 120_000);

    // ---------------------------------------------------------------- health-check.sh
    // On the test control plane the traefik LoadBalancer never gets an address, so every full
    // check is truthfully UNHEALTHY (exit 2) whatever the kwok pods' readiness.
    const HEADER = /^GoMeet UNHEALTHY \(target cluster, namespace gomeet, \d{4}-\d\d-\d\dT/;
    const expectFullReport = (text: string) => {
      expect(text).toMatch(HEADER);
      expect(text).toMatch(
        /\n {2}FAIL {2}load-balancer\/traefik +no external IP yet \(pending\)\n/,
      );
      expect(text).toMatch(
        /\n {2}PASS {2}network-policies +\d+ NetworkPolicy object\(s\) in gomeet\n/,
      );
      expect(text).toMatch(/\n {2}PASS {2}pods-non-root +all \d+ container\(s\) run as non-root\n/);
      expect(text).toMatch(/\n {2}SKIP {2}performance +PROMETHEUS_URL not set\n/);
      for (const app of ['auth-service', 'chat-service', 'frontend', 'livekit-sfu', 'traefik'])
        expect(text).toMatch(new RegExp(`\\n {2}(PASS|WARN|FAIL) {2}deployment/${app} `));
    };
    const lastCheck = (stdout: string) => /network-policies[^\n]*\n/.test(stdout);

    it('health-check.sh check: the full text report, UNHEALTHY with the pending load balancer, exit 2', async () => {
      const r = await sh(`./deployment/digitalocean/health-check.sh check`);
      expect(r.code, r.stderr).toBe(2);
      expectFullReport(r.stdout);
      expect(r.stderr).toBe('');
    }, 60_000);

    it('health-check.sh performance: without metrics-server and PROMETHEUS_URL both are skipped, HEALTHY, exit 0', async () => {
      const r = await sh(`./deployment/digitalocean/health-check.sh performance`);
      expect(r.code, r.stderr).toBe(0);
      expect(
        r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.trim().split(/\s+/).slice(0, 2)),
      ).toEqual([
        ['GoMeet', 'HEALTHY'],
        ['SKIP', 'pod-resources'],
        ['SKIP', 'performance'],
      ]);
      expect(r.stdout).toContain('metrics API unavailable (is metrics-server installed?)');
    }, 60_000);

    it('health-check.sh --format json check > incident-report-$(date +%Y%m%d).json writes the JSON report to the file, exit 2', async () => {
      const before = ymd(new Date());
      const r = await sh(
        `./deployment/digitalocean/health-check.sh --format json check > incident-report-$(date +%Y%m%d).json`,
      );
      const after = ymd(new Date());
      const file = [before, after]
        .map((d) => path.join(ROOT, `incident-report-${d}.json`))
        .find((f) => existsSync(f));
      try {
        expect(file, 'incident-report-<today>.json in the repo root').toBeDefined();
        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        const report = JSON.parse(readFileSync(file!, 'utf8')) as HealthReport;
        expect(report).toMatchObject({
          status: 'unhealthy',
          target: 'cluster',
          namespace: 'gomeet',
        });
        expect(report.checks.find((c) => c.name === 'load-balancer/traefik')).toMatchObject({
          category: 'network',
          status: 'fail',
        });
        expect(report.checks.map((c) => c.name)).toEqual(
          expect.arrayContaining([
            'deployment/auth-service',
            'readyz/auth-service',
            'network-policies',
          ]),
        );
      } finally {
        for (const d of [before, after])
          rmSync(path.join(ROOT, `incident-report-${d}.json`), { force: true });
      }
    }, 60_000);

    it('health-check.sh --slack-webhook https://hooks.slack.com/... check: posts to hooks.slack.com (through a loopback proxy that refuses it), warns, never prints the URL, exit 2', async () => {
      const r = await sh(
        `./deployment/digitalocean/health-check.sh --slack-webhook https://hooks.slack.com/... check`,
        {
          NODE_USE_ENV_PROXY: '1',
          HTTPS_PROXY: proxyUrl,
          NO_PROXY: '127.0.0.1,localhost',
        },
      );
      expect(r.code, r.stderr).toBe(2);
      expectFullReport(r.stdout);
      expect(connects).toEqual(['hooks.slack.com:443']);
      expect(r.stderr).toMatch(/^warning: Slack notification not delivered: /m);
      expect(r.stdout + r.stderr).not.toContain('hooks.slack.com/...');
    }, 60_000);

    for (const line of [
      `./deployment/digitalocean/health-check.sh --continuous 60 check`,
      `./deployment/digitalocean/health-check.sh --continuous 300 check`,
    ])
      it(`${line.slice(26)}: the first report in full, then Ctrl-C stops it at once with its code, exit 2`, async () => {
        const r = await sh(line, {}, lastCheck);
        expect(r.code, r.stderr).toBe(2);
        expectFullReport(r.stdout);
        // One report: Ctrl-C ended it before a second round (a SIGKILL at the bound gives null).
        expect(r.stdout.match(/^GoMeet /gm)).toHaveLength(1);
      }, 60_000);

    // ---------------------------------------------------------------- cost-monitor.sh
    /** The budget status the output states, and the exit code it implies (over → 1). */
    const budgetLine = (stdout: string) => {
      const m =
        /^Budget \$35,000\.00: month to date \$30,512\.44, projected \$([\d,.]+) = ([\d.]+)% → (WARNING|OVER)$/m.exec(
          stdout,
        );
      expect(m, stdout.split('\n')[0]).not.toBeNull();
      return { projected: Number(m![1]!.replaceAll(',', '')), over: m![3] === 'OVER' };
    };

    it('cost-monitor.sh monitor prices the replayed account and projects its month-to-date spend against the budget', async () => {
      const r = await sh(`./deployment/digitalocean/cost-monitor.sh monitor`, doEnv);
      const { projected, over } = budgetLine(r.stdout);
      expect(projected).toBeGreaterThanOrEqual(30_512.44);
      expect(r.code, r.stderr).toBe(over ? 1 : 0);
      expect(r.stdout).toMatch(
        /Kubernetes nodes gomeet-media c-32-intel \(32 vCPU, 64 GiB\) +6 node-month/,
      );
      expect(r.stdout).toContain('read from the DigitalOcean API: 1 cluster(s), 2 database(s)');
      expect(r.stdout).toContain('runbook "Estimated monthly cost"         $27,048.00');
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }, 60_000);

    it('cost-monitor.sh alert at warning or over without a recipient shows the email and says to pass --email', async () => {
      const r = await sh(`./deployment/digitalocean/cost-monitor.sh alert`, {
        ...doEnv,
        SMTP_URL: smtpUrl,
      });
      const { over } = budgetLine(r.stdout);
      expect(r.code, r.stderr).toBe(over ? 1 : 0);
      expect(r.stdout).toContain('no recipient: pass --email or set BUDGET_ALERT_EMAIL');
      expect(r.stdout).toMatch(/GoMeet budget (warning|over): \$[\d,.]+ of \$35,000\.00/);
      expect(mails).toEqual([]);
    }, 60_000);

    it('cost-monitor.sh --email admin@example.com alert sends the alert to admin@example.com through SMTP_URL (a loopback SMTP server)', async () => {
      const r = await sh(
        `./deployment/digitalocean/cost-monitor.sh --email admin@example.com alert`,
        {
          ...doEnv,
          SMTP_URL: smtpUrl,
        },
      );
      const { over } = budgetLine(r.stdout);
      expect(r.code, r.stderr).toBe(over ? 1 : 0);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(['admin@example.com']);
      expect(mails[0]!.data).toMatch(/Subject: GoMeet budget (warning|over): /);
      expect(mails[0]!.data).toContain('Month-to-date spend $30,512.44, projected month');
    }, 60_000);

    it('cost-monitor.sh --historical-days 30 report lists the replayed billing history of the last 30 days, then the estimate', async () => {
      const r = await sh(
        `./deployment/digitalocean/cost-monitor.sh --historical-days 30 report`,
        doEnv,
      );
      expect(r.code, r.stderr).toBe(0);
      const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      const head =
        /^Billing history since (\d{4}-\d\d-\d\d) \(30 days\): \$[\d,.-]+ invoiced$/m.exec(
          r.stdout,
        );
      expect(head, r.stdout.split('\n')[0]).not.toBeNull();
      expect(Math.abs(Date.parse(head![1]!) - Date.parse(since))).toBeLessThanOrEqual(86_400_000);
      // Only entries of those 30 days (the recording's dates are fixed; the clock is not).
      for (const [, date] of r.stdout.matchAll(
        /^ {2}(\d{4}-\d\d-\d\d) {2}(?:Invoice|Payment|Credit)/gm,
      ))
        expect(date! >= head![1]!, date).toBe(true);
      expect(r.stdout).toMatch(/\nMonthly cost estimate\n/);
      expect(r.stdout).toContain('droplet prices from the DigitalOcean API');
    }, 60_000);

    it('cost-monitor.sh efficiency on a cluster without metrics-server says to install it, exit 3', async () => {
      const r = await sh(`./deployment/digitalocean/cost-monitor.sh efficiency`);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: metrics API unavailable \(install metrics-server\)/);
      expect(r.stderr).toContain('metrics.k8s.io is not served');
      expect(r.stderr).not.toContain('HTTP-Code');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }, 60_000);

    // ---------------------------------------------------------------- scale-services.sh
    it('scale-services.sh auto --optimize without metrics-server or PROMETHEUS_URL says where usage comes from, exit 3', async () => {
      const r = await sh(`./deployment/digitalocean/scale-services.sh auto --optimize`);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(
        'error: no usage data: metrics.k8s.io is not served (DOKS installs metrics-server; check kubectl top pods) and PROMETHEUS_URL is not set\n',
      );
    }, 60_000);

    it('scale-services.sh enable-cluster-autoscaler turns on node-pool autoscaling through the replayed DigitalOcean API', async () => {
      const writes = api.bodies.length;
      const r = await sh(
        `./deployment/digitalocean/scale-services.sh enable-cluster-autoscaler`,
        doEnv,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('DOKS node-pool autoscaling');
      expect(r.stdout).toContain(
        'set gomeet-general: 3 nodes (autoscale 3–20) → 3 nodes (autoscale 3–10)',
      );
      expect(r.stdout).toContain(
        'set gomeet-media: 6 nodes (autoscale 3–20) → 6 nodes (autoscale 2–20)',
      );
      const puts = api.bodies.slice(writes);
      expect(puts.map((b) => b.method)).toEqual(['PUT', 'PUT']);
      expect(puts.map((b) => b.body)).toEqual([
        expect.objectContaining({
          name: 'gomeet-general',
          auto_scale: true,
          min_nodes: 3,
          max_nodes: 10,
        }),
        expect.objectContaining({
          name: 'gomeet-media',
          auto_scale: true,
          min_nodes: 2,
          max_nodes: 20,
        }),
      ]);
    }, 60_000);

    // ---------------------------------------------------------------- backup-restore.sh
    let todays = '';
    const restored = (name: string, ns = 'gomeet') =>
      new RegExp(
        `^${name.replaceAll('.', '\\.')}: restored PostgreSQL, 6 Redis keys, \\d+ Kubernetes objects in ${ns}\\n`,
      );

    it('backup-restore.sh backup: PostgreSQL, Redis and the namespace configuration, encrypted, to Spaces under backups/YYYY/MM/DD/', async () => {
      const r = await sh(`./deployment/digitalocean/backup-restore.sh backup`);
      expect(r.code, r.stderr).toBe(0);
      const m =
        /^(backup-(\d{8})-\d{6}\.tar\.gz) +[\d.]+ \S+ +spaces:backups\/(\d{4})\/(\d\d)\/(\d\d)\/\1 +sha256 [0-9a-f]{64}\n/.exec(
          r.stdout,
        );
      expect(m, r.stdout.split('\n')[0]).not.toBeNull();
      todays = m![1]!;
      expect(m![2]).toBe(`${m![3]}${m![4]}${m![5]}`);
      expect(r.stdout).toMatch(/\n {2}postgres\.dump /);
      expect(r.stdout).toMatch(/\n {2}redis\.dump /);
      expect(r.stdout).toMatch(/\n {2}kubernetes-deployments\.json /);
    }, 60_000);

    it('backup-restore.sh list: the four backups in Spaces, newest first', async () => {
      const r = await sh(`./deployment/digitalocean/backup-restore.sh list`);
      expect(r.code, r.stderr).toBe(0);
      const y = day.replaceAll('-', '');
      expect(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(/\s+/)[0]),
      ).toEqual([
        todays,
        `backup-${y}-130000.tar.gz`,
        `backup-${y}-010000.tar.gz`,
        'backup-20231025-120000.tar.gz',
      ]);
      expect(r.stdout).toMatch(
        /^backup-20231025-120000\.tar\.gz {2}2023-10-25 12:00:00 UTC .* spaces:backups\/2023\/10\/25\/backup-20231025-120000\.tar\.gz$/m,
      );
    }, 60_000);

    it("backup-restore.sh list | grep \"$(date -d '1 day ago' +%Y%m%d)\": yesterday's two backups", async () => {
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh list | grep "$(date -d '1 day ago' +%Y%m%d)"`,
      );
      expect(r.code, r.stderr).toBe(0);
      const y = day.replaceAll('-', '');
      expect(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(/\s+/)[0]),
      ).toEqual([`backup-${y}-130000.tar.gz`, `backup-${y}-010000.tar.gz`]);
    }, 60_000);

    it("backup-restore.sh --dry-run restore backup-$(date -d '1 day ago' +%Y%m%d)-*.tar.gz verifies the newest match and restores nothing", async () => {
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh --dry-run restore backup-$(date -d '1 day ago' +%Y%m%d)-*.tar.gz`,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `^backup-${day.replaceAll('-', '')}-130000\\.tar\\.gz: decrypted, every checksum matches; nothing restored \\(dry run\\)\\n`,
        ),
      );
      expect(r.stdout).toContain('note: verified postgres.dump');
      expect(await tableDigests(sourceDb)).toEqual(seeded);
    }, 60_000);

    it('backup-restore.sh restore backup-20231025-120000.tar.gz restores PostgreSQL, Redis and the configuration from Spaces', async () => {
      await wipe();
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh restore backup-20231025-120000.tar.gz`,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(restored('backup-20231025-120000.tar.gz'));
      expect(await tableDigests(sourceDb)).toEqual(seeded);
    }, 60_000);

    it('backup-restore.sh restore-spaces backups/2023/10/25/backup-20231025-120000.tar.gz restores that object key', async () => {
      await wipe();
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh restore-spaces backups/2023/10/25/backup-20231025-120000.tar.gz`,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(restored('backup-20231025-120000.tar.gz'));
      expect(await tableDigests(sourceDb)).toEqual(seeded);
    }, 60_000);

    it('backup-restore.sh restore-spaces latest-backup.tar.gz restores the newest backup in the bucket', async () => {
      await wipe();
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh restore-spaces latest-backup.tar.gz`,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(restored(todays));
      expect(await tableDigests(sourceDb)).toEqual(seeded);
    }, 60_000);

    it(`backup-restore.sh restore-spaces $(aws s3 ls … | sort | tail -n 5 | head -n 1 | awk …) with ${AWS}: the fifth-newest key (here the oldest of four)`, async () => {
      await wipe();
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh restore-spaces $(aws s3 ls s3://gomeet-backups/backups/ --recursive | sort | tail -n 5 | head -n 1 | awk '{print $4}')`,
      );
      expect(r.code, r.stderr).toBe(0);
      // `sort` orders the listing by upload time, to the second: backups uploaded within the same
      // second tie, so the oldest upload is read from the same listing rather than assumed.
      const oldest = await sh(
        `aws s3 ls s3://gomeet-backups/backups/ --recursive | sort | head -n 1 | awk '{print $4}'`,
      );
      const key = oldest.stdout.trim();
      expect(key).toMatch(/^backups\/\d{4}\/\d\d\/\d\d\/backup-\d{8}-\d{6}\.tar\.gz$/);
      expect(r.stdout).toMatch(restored(path.basename(key)));
      expect(await tableDigests(sourceDb)).toEqual(seeded);
    }, 60_000);

    it(`backup-restore.sh --namespace gomeet-dr-test restore-spaces $(aws s3 ls … | sort | tail -n 1 | awk …) with ${AWS}: the DR test restores the newest backup into gomeet-dr-test and its own database`, async () => {
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh --namespace gomeet-dr-test restore-spaces $(aws s3 ls s3://gomeet-backups/backups/ --recursive | sort | tail -n 1 | awk '{print $4}')`,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(restored(todays, 'gomeet-dr-test'));
      expect(await tableDigests(drDb)).toEqual(seeded);
      const deployments = await kubectlOk(cluster, [
        'get',
        'deployments',
        '-n',
        'gomeet-dr-test',
        '-o',
        'name',
      ]);
      expect(deployments).toContain('deployment.apps/auth-service');
      // The DR namespace keeps its own database credentials.
      const url = await kubectlOk(cluster, [
        'get',
        'secret',
        'postgres-secret',
        '-n',
        'gomeet-dr-test',
        '-o',
        'jsonpath={.data.DATABASE_URL}',
      ]);
      expect(Buffer.from(url, 'base64').toString()).toBe(drDb);
    }, 90_000);

    it('backup-restore.sh --namespace gomeet restore postgres-backup-20231025.sql replays the plain SQL file from BACKUP_DIR with psql', async () => {
      await wipe();
      writeFileSync(
        path.join(backupDir, 'postgres-backup-20231025.sql'),
        "create table meetings_archive (code text primary key, title text);\ninsert into meetings_archive values ('abc-defg-hij', 'Weekly sync');\n",
      );
      const r = await sh(
        `./deployment/digitalocean/backup-restore.sh --namespace gomeet restore postgres-backup-20231025.sql`,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('postgres-backup-20231025.sql: restored PostgreSQL\n');
      expect(await sql(sourceDb, 'select code, title from meetings_archive')).toEqual([
        { code: 'abc-defg-hij', title: 'Weekly sync' },
      ]);
    }, 60_000);

    it("backup-restore.sh cleanup keeps the newest of each day (and week) and deletes yesterday's older backup from Spaces", async () => {
      const y = day.replaceAll('-', '');
      const r = await sh(`./deployment/digitalocean/backup-restore.sh cleanup`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^removed 1, kept 3 \(keep-daily 7, keep-weekly 4\)$/m);
      expect(r.stdout).toContain(`backup-${y}-010000.tar.gz`);
      const list = await sh(`./deployment/digitalocean/backup-restore.sh list`);
      expect(
        list.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(/\s+/)[0]),
      ).toEqual([todays, `backup-${y}-130000.tar.gz`, 'backup-20231025-120000.tar.gz']);
    }, 60_000);

    // ---------------------------------------------------------------- master-deploy.sh
    it(`master-deploy.sh as written with the DigitalOcean API replayed and no Docker engine (DOCKER_HOST points nowhere): ${hasDockerCli ? 'prerequisites, infrastructure and secrets pass, images stops' : 'prerequisites stop on docker'}, exit 3 with the resume line`, async () => {
      const r = await sh(`./deployment/digitalocean/master-deploy.sh`, {
        ...doEnv,
        DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      });
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(/^master-deploy staging: failed in /);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
      if (hasDockerCli) {
        expect(r.stdout).toMatch(/\ninfrastructure +done .*setup-infrastructure\.sh succeeded\n/);
        expect(r.stdout).toMatch(/\nsecrets +done .*all Secrets present\n/);
        expect(r.stdout).toMatch(/\nimages +failed .*Docker engine not reachable/);
        expect(r.stdout).toContain(
          'then resume: ./deployment/digitalocean/master-deploy.sh --environment staging --from images',
        );
        expect(r.stderr).toContain('[2/12] infrastructure: Infrastructure setup');
        expect(api.writes().filter((w) => !w.startsWith('PUT /v2/kubernetes/clusters/'))).toEqual(
          [],
        );
      } else {
        expect(r.stdout).toMatch(/\nprerequisites +failed .*docker/i);
      }
    }, 90_000);
  },
);
