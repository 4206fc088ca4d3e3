import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGoMeet, type RunningGoMeet } from '@gomeet/server';
import { kubeBinaries, startKubeCluster, type KubeCluster } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployReport } from '../../src/commands/master-deploy/summary.js';
import { runCli } from '../harness/run-cli.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const livekitBin = path.join(root, '.bin/livekit-server');
const ready = Boolean(kubeBinaries()) && existsSync(livekitBin);
if (process.env.CI === 'true' && !ready)
  throw new Error(
    'the test control plane and LiveKit are required in CI: run scripts/install-k8s.sh and scripts/install-livekit.sh',
  );
if (!ready)
  console.warn('skipping master-deploy against a real control plane: run scripts/install-k8s.sh');

describe.skipIf(!ready)(
  'master-deploy against a real Kubernetes control plane (kwok nodes)',
  () => {
    let cluster: KubeCluster;
    let gomeet: RunningGoMeet;
    let env: NodeJS.ProcessEnv;

    const deploy = (...extra: string[]) =>
      runCli(
        [
          '--format',
          'json',
          'master-deploy',
          '--environment',
          'staging',
          '--skip-infrastructure',
          '--skip-images',
          '--health',
          'replicas',
          '--rollout-timeout',
          '120',
          '--public-url',
          gomeet.url,
          ...extra,
        ],
        { env },
      );
    const progress = async () => {
      const r = await cluster.kubectl([
        'get',
        'configmap',
        'gomeet-deploy-progress',
        '-n',
        'gomeet',
        '-o',
        'json',
      ]);
      return (JSON.parse(r.stdout) as { data: Record<string, string> }).data;
    };

    beforeAll(async () => {
      [cluster, gomeet] = await Promise.all([startKubeCluster(), startGoMeet({ logLevel: false })]);
      env = {
        PATH: `${cluster.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
        KUBECONFIG: cluster.kubeconfig,
        HOME: mkdtempSync(path.join(tmpdir(), 'gomeet-deploy-home-')),
      };
      // What a real cluster gets from Traefik, cert-manager, Argo and the Prometheus operator.
      const crds = await cluster.kubectl(['apply', '-k', path.join(root, 'deployment/k8s/crds')]);
      expect(crds.code, crds.stderr).toBe(0);
      await cluster.kubectl([
        'wait',
        '--for=condition=established',
        '--all',
        'crd',
        '--timeout=60s',
      ]);
    }, 180_000);
    afterAll(async () => {
      await Promise.all([cluster?.stop(), gomeet?.close()]);
    });

    it('stops at the secrets phase when postgres-secret is missing, says what to do and how to resume, exit 1', async () => {
      const r = await deploy();
      expect(r.code).toBe(1);
      const report = r.json<DeployReport>();
      expect(report.failure).toMatchObject({
        phase: 'secrets',
        reason: 'Secrets postgres-secret, redis-secret missing in namespace gomeet',
        resume: expect.stringContaining(
          './deployment/digitalocean/master-deploy.sh --environment staging --skip-infrastructure --skip-images',
        ) as unknown,
      });
      expect(report.failure?.resume).toMatch(/--from secrets$/);
      expect(r.stderr).toContain(
        'error: secrets failed: Secrets postgres-secret, redis-secret missing',
      );
      expect(report.phases.filter((p) => p.status === 'not-run').map((p) => p.name)).toEqual([
        'images',
        'database',
        'services',
        'gateway',
        'monitoring',
        'autoscaling',
        'health',
        'verification',
        'cleanup',
      ]);
      expect(await progress()).toMatchObject({
        status: 'failed',
        failedPhase: 'secrets',
        lastCompleted: 'infrastructure',
      });
    }, 120_000);

    it('deploys the staging overlay: migrations, rollouts on kwok, gateway, HPAs, health, smoke test, cleanup', async () => {
      // What the infrastructure phase writes from the managed database and Redis.
      for (const [name, key, value] of [
        [
          'postgres-secret',
          'DATABASE_URL',
          'postgres://gomeet:unused@postgres.invalid:5432/gomeet',
        ],
        ['redis-secret', 'REDIS_URL', 'rediss://:unused@redis.invalid:25061'],
      ] as const) {
        const s = await cluster.kubectl([
          'create',
          'secret',
          'generic',
          name,
          '-n',
          'gomeet',
          `--from-literal=${key}=${value}`,
        ]);
        expect(s.code, s.stderr).toBe(0);
      }
      const r = await deploy();
      expect(r.code, r.stderr).toBe(0);
      const report = r.json<DeployReport>();
      expect(report.status).toBe('succeeded');
      expect(Object.fromEntries(report.phases.map((p) => [p.name, p.status]))).toEqual({
        prerequisites: 'done',
        infrastructure: 'skipped',
        secrets: 'done',
        images: 'skipped',
        database: 'done',
        services: 'done',
        gateway: 'done',
        monitoring: 'done',
        autoscaling: 'done',
        health: 'done',
        verification: 'done',
        cleanup: 'done',
      });
      for (const p of report.phases) expect(p.durationMs).toBeGreaterThanOrEqual(0);
      const pods = await cluster.kubectl([
        'get',
        'pods',
        '-n',
        'gomeet',
        '-l',
        'app=auth-service',
        '-o',
        'jsonpath={.items[*].status.phase}',
      ]);
      expect(
        pods.stdout
          .split(' ')
          .filter(Boolean)
          .every((p) => p === 'Running'),
      ).toBe(true);
      expect(pods.stdout).toContain('Running');
      const jobs = await cluster.kubectl(['get', 'jobs', '-n', 'gomeet', '-o', 'name']);
      expect(jobs.stdout.trim()).toBe(''); // completed migration Jobs were cleaned up
      expect(await progress()).toMatchObject({
        status: 'succeeded',
        lastCompleted: 'cleanup',
        failedPhase: '',
      });
      expect(report.phases.find((p) => p.name === 'verification')?.actions).toEqual([
        'register (POST /api/auth/register): 201',
        'create a meeting (POST /api/meetings): 201',
        'get a join token (POST /api/meetings/:code/join): 200',
        'end the meeting (POST /api/meetings/:code/end): 200',
      ]);
    }, 300_000);

    it('resumes with --from services: earlier phases are skipped, the rest run again', async () => {
      const r = await deploy('--from', 'services');
      expect(r.code, r.stderr).toBe(0);
      const report = r.json<DeployReport>();
      expect(report.phases.map((p) => p.status)).toEqual([
        'done',
        'skipped',
        'skipped',
        'skipped',
        'skipped',
        'done',
        'done',
        'done',
        'done',
        'done',
        'done',
        'done',
      ]);
      expect(report.phases[1]?.detail).toBe('resumed --from services');
      expect(await progress()).toMatchObject({ status: 'succeeded' });
    }, 300_000);
  },
);
