import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGoMeet, type RunningGoMeet } from '@gomeet/server';
import { createEmptyDatabase, startRedis } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HealthReport } from '../../src/commands/health-check/report.js';
import type { CheckChange } from '../../src/commands/health-check/render.js';
import { Capture, runCli } from '../harness/run-cli.js';

const postgresUrl = inject('postgresUrl');
const livekitBin = fileURLToPath(new URL('../../../../.bin/livekit-server', import.meta.url));
const haveLiveKit = existsSync(livekitBin);
if (process.env.CI === 'true' && !haveLiveKit)
  throw new Error('LiveKit is required in CI: run scripts/install-livekit.sh');
if (!haveLiveKit) console.warn('health-check local target: skipped, LiveKit not installed');

/** A local stand-in for a Slack incoming webhook that records what was posted. */
async function startWebhook(
  status: number,
): Promise<{ url: string; posts: { text: string }[]; server: Server }> {
  const posts: { text: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      posts.push(JSON.parse(body) as { text: string });
      res.writeHead(status).end(status === 200 ? 'ok' : 'no_service');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-token`,
    posts,
    server,
  };
}

describe.skipIf(!postgresUrl || !haveLiveKit)(
  'health-check --continuous on the local target (the real all-in-one GoMeet server)',
  () => {
    let redis: Awaited<ReturnType<typeof startRedis>>;
    let gomeet: RunningGoMeet;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      redis = await startRedis();
      const databaseUrl = await createEmptyDatabase(postgresUrl!);
      // The all-in-one server `npm start` runs, on PostgreSQL and Redis, with its own LiveKit.
      gomeet = await startGoMeet({
        logLevel: false,
        env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url },
      });
      env = {
        GOMEET_TARGET: 'local',
        GOMEET_URL: gomeet.url,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
      };
    });
    afterAll(async () => {
      await gomeet?.close();
      await redis?.stop();
    });

    it('prints the full report first, then only what changed, and tells Slack when the status changes', async () => {
      const slack = await startWebhook(200);
      // Stop Redis as soon as the first report is out, so the next round sees it fail.
      let stopping: Promise<void> | undefined;
      const stdout = new Capture(() => {
        stopping ??= redis.stop();
      });
      const r = await runCli(
        [
          'health-check',
          '--continuous',
          '0.5',
          '--max-iterations',
          '3',
          '--slack-webhook',
          slack.url,
          '--format',
          'json',
          'check',
        ],
        {
          env,
          stdout,
        },
      );
      await stopping;
      slack.server.close();
      const [first, ...rest] = r.lines<
        HealthReport & { changes?: CheckChange[]; previousStatus?: string }
      >();
      expect(first?.status).toBe('healthy');
      expect(first?.checks.length).toBeGreaterThan(5);
      // Rounds 2 and 3: round 2 reports the change; round 3 changes nothing and prints nothing.
      expect(rest).toHaveLength(1);
      expect(rest[0]).toMatchObject({ status: 'unhealthy', previousStatus: 'healthy' });
      expect(rest[0]?.changes).toContainEqual(
        expect.objectContaining({ name: 'redis', from: 'pass', to: 'fail' }),
      );
      expect(rest[0]?.changes?.map((c) => c.name)).not.toContain('postgresql');
      expect(r.code).toBe(2);
      expect(slack.posts).toHaveLength(2);
      expect(slack.posts[0]?.text).toContain('HEALTHY');
      expect(slack.posts[1]?.text).toMatch(/UNHEALTHY[\s\S]*FAIL redis/);
    });

    it('stops at once when interrupted, with the last status as exit code', async () => {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      const r = await runCli(['health-check', '--continuous', '60', 'services'], {
        env: { ...env, REDIS_URL: '' },
        signal: controller.signal,
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      const status = /^GoMeet (HEALTHY|DEGRADED|UNHEALTHY) /.exec(r.stdout)?.[1];
      expect(r.code).toBe({ HEALTHY: 0, DEGRADED: 1, UNHEALTHY: 2 }[status ?? 'none']);
    });

    it('reports a failed Slack post as a warning without the webhook URL and keeps its own exit code', async () => {
      const slack = await startWebhook(404);
      const r = await runCli(
        ['health-check', '--slack-webhook', slack.url, '--format', 'json', 'services'],
        { env: { ...env, REDIS_URL: '' } },
      );
      slack.server.close();
      expect(slack.posts).toHaveLength(1);
      expect(r.stderr).toContain(
        'warning: Slack notification not delivered: Slack answered HTTP 404',
      );
      expect(r.stderr + r.stdout).not.toContain('secret-token');
      expect(r.json<HealthReport>().checks.length).toBeGreaterThan(0);
    });
  },
);
