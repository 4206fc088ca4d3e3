import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startGoMeet, type RunningGoMeet } from '@gomeet/server';
import { createEmptyDatabase, startRedis } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HealthReport } from '../../src/commands/health-check/report.js';
import { runCli } from '../harness/run-cli.js';
import { selfSigned, serveTls } from './tls-fixtures.js';

const postgresUrl = inject('postgresUrl');
const livekitBin = fileURLToPath(new URL('../../../../.bin/livekit-server', import.meta.url));
const haveLiveKit = existsSync(livekitBin);
if (process.env.CI === 'true' && !haveLiveKit)
  throw new Error('LiveKit is required in CI: run scripts/install-livekit.sh');
if (!haveLiveKit) console.warn('health-check local target: skipped, LiveKit not installed');

const LIVEKIT_KEYS = {
  LIVEKIT_API_KEY: 'opskey',
  LIVEKIT_API_SECRET: 'ops-secret-of-at-least-thirty-two-characters',
};

describe.skipIf(!postgresUrl || !haveLiveKit)(
  'health-check on the local target (the real all-in-one GoMeet server on PostgreSQL and Redis)',
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
        env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ...LIVEKIT_KEYS },
      });
      env = {
        GOMEET_TARGET: 'local',
        GOMEET_URL: gomeet.url,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        LIVEKIT_URL: gomeet.livekitUrl,
        ...LIVEKIT_KEYS,
      };
    });
    afterAll(async () => {
      await gomeet?.close();
      await redis?.stop();
    });

    const statusOf = (report: HealthReport, name: string) =>
      report.checks.find((c) => c.name === name)?.status;

    it('reports healthy with every check green or skipped when everything is up', async () => {
      const r = await runCli(['health-check', '--format', 'json', 'check'], { env });
      const report = r.json<HealthReport>();
      expect(r.code).toBe(0);
      expect(report).toMatchObject({ status: 'healthy', target: 'local', namespace: 'gomeet' });
      expect(Date.parse(report.checkedAt)).not.toBeNaN();
      for (const name of [
        'server',
        'server/database',
        'server/redis',
        'server/livekit',
        'postgresql',
        'redis',
        'livekit',
      ])
        expect(statusOf(report, name), name).toBe('pass');
      for (const c of report.checks)
        expect(['pass', 'skip'], `${c.name}: ${c.message}`).toContain(c.status);
      expect(report.checks.find((c) => c.name === 'server')?.message).toBe(
        `${gomeet.url}/readyz answers 200 ready`,
      );
      // LiveKit's RoomService answers the server's own key pair: no rooms yet.
      expect(report.checks.find((c) => c.name === 'livekit')?.value).toBe(0);
      expect(statusOf(report, 'tls-certificate')).toBe('skip');
    });

    it('services runs only the service and data checks', async () => {
      const report = (
        await runCli(['health-check', 'services', '--format', 'json'], { env })
      ).json<HealthReport>();
      const categories = new Set(report.checks.map((c) => c.category));
      expect([...categories].sort()).toEqual(['data', 'media', 'services']);
    });

    it('prints a readable text report', async () => {
      const r = await runCli(['health-check', 'check'], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^GoMeet HEALTHY \(target local, namespace gomeet/);
      expect(r.stdout).toMatch(/PASS {2}redis\s+connected and answered PING/);
    });

    it('is degraded (exit 1) when the public host certificate expires in five days', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-ops-tls-'));
      const cert = selfSigned(dir, 5);
      const tls = await serveTls(cert.cert, cert.key);
      try {
        const r = await runCli(
          ['health-check', '--host', tls.host, '--ca', cert.certFile, '--format', 'json', 'check'],
          { env },
        );
        const report = r.json<HealthReport>();
        expect(r.code).toBe(1);
        expect(report.status).toBe('degraded');
        expect(report.checks.find((c) => c.name === 'tls-certificate')).toMatchObject({
          status: 'warn',
          threshold: 14,
        });
      } finally {
        tls.server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('exits 3 with one line when the local server does not answer', async () => {
      const r = await runCli(['health-check', 'check'], {
        env: { ...env, GOMEET_URL: 'http://127.0.0.1:9' },
      });
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^error: GoMeet at http:\/\/127\.0\.0\.1:9 unreachable/),
      ]);
    });

    it('turns Redis red and exits 2 (unhealthy) once Redis is stopped', async () => {
      const before = await runCli(['health-check', '--format', 'json', 'check'], { env });
      expect(before.code).toBe(0);
      await redis.stop();
      const after = await runCli(['health-check', '--format', 'json', 'check'], { env });
      const report = after.json<HealthReport>();
      expect(after.code).toBe(2);
      expect(report.status).toBe('unhealthy');
      expect(statusOf(report, 'redis')).toBe('fail');
      expect(statusOf(report, 'server/redis')).toBe('fail');
      expect(statusOf(report, 'server')).toBe('fail');
      expect(statusOf(report, 'postgresql')).toBe('pass');
      expect(after.stdout).not.toContain('redis://');
    });
  },
);
