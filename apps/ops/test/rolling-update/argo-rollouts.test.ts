import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, stopChild, type KubeCluster } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript, startGomeetCluster } from '../scale-services/gomeet-cluster.js';
import { controlPlaneAvailable, ROOT } from '../harness/production-cluster.js';

/** Built by scripts/install-argo-rollouts.sh. */
const CONTROLLER = path.join(
  process.env.GOMEET_K8S_CACHE ?? path.join(homedir(), '.cache', 'gomeet-k8s'),
  'argo-rollouts-v1.10.1',
  'rollouts-controller',
);

function argoAvailable(): boolean {
  if (existsSync(CONTROLLER)) return controlPlaneAvailable('argo rollouts');
  if (process.env.CI === 'true')
    throw new Error('Argo Rollouts controller missing: run bash scripts/install-argo-rollouts.sh');
  console.warn('argo rollouts: skipped, run bash scripts/install-argo-rollouts.sh');
  return false;
}

/** A Rollout that takes its template from the Deployment, as the production overlay does. */
function rollout(name: string, strategy: object): object {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: 'gomeet', labels: { app: name } },
    spec: {
      replicas: 4,
      revisionHistoryLimit: 5,
      selector: { matchLabels: { app: name } },
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      strategy,
    },
  };
}

const service = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'gomeet' },
  spec: { selector: { app: 'meeting-service' }, ports: [{ port: 8080 }] },
});

describe.skipIf(!argoAvailable())(
  'rolling-update.sh with the real Argo Rollouts controller',
  () => {
    let cluster: KubeCluster;
    let controller: ChildProcess | undefined;

    beforeAll(async () => {
      cluster = await startGomeetCluster();
      const crds = await cluster.kubectl([
        'apply',
        '-f',
        path.join(ROOT, 'deployment/k8s/crds/argo-rollouts.yaml'),
      ]);
      if (crds.code !== 0) throw new Error(crds.stderr);
      await cluster.kubectl(['create', 'namespace', 'argo-rollouts']);
      const log = openSync(path.join(tmpdir(), `rollouts-controller-${process.pid}.log`), 'w');
      controller = spawn(
        CONTROLLER,
        [
          `--kubeconfig=${cluster.kubeconfig}`,
          '--leader-elect=false',
          '--metricsport',
          String(await freePort()),
          '--healthzPort',
          String(await freePort()),
        ],
        { stdio: ['ignore', log, log] },
      );
      closeSync(log);
      const items = [
        service('meeting-service-preview'),
        service('meeting-service-active'),
        rollout('signaling-service', {
          canary: {
            maxSurge: '25%',
            maxUnavailable: 0,
            steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: {} }],
          },
        }),
        rollout('meeting-service', {
          blueGreen: {
            activeService: 'meeting-service-active',
            previewService: 'meeting-service-preview',
            autoPromotionEnabled: false,
            scaleDownDelaySeconds: 30,
          },
        }),
      ];
      const applied = await cluster.kubectl(['apply', '-f', '-'], {
        input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
      });
      if (applied.code !== 0) throw new Error(applied.stderr);
      const healthy = await cluster.kubectl(
        [
          'wait',
          '-n',
          'gomeet',
          '--for=jsonpath={.status.phase}=Healthy',
          'rollout/signaling-service',
          'rollout/meeting-service',
          '--timeout=180s',
        ],
        { timeoutMs: 190_000 },
      );
      if (healthy.code !== 0) throw new Error(`Rollouts not healthy: ${healthy.stderr}`);
    }, 420_000);
    afterAll(async () => {
      if (controller) await stopChild(controller, 3_000);
      await cluster?.stop();
    });

    it('a canary update steps 25 → 50 → 100 % and ends Healthy on the new ReplicaSet', async () => {
      const run = await runScript(cluster, 'rolling-update.sh', [
        '--strategy',
        'canary',
        'update',
        'signaling-service',
        'v1.1.0',
        '--format',
        'json',
        '--timeout',
        '240',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as {
        rollout: { weights: number[]; result: string; promotions: number };
      };
      expect(report.rollout).toMatchObject({
        weights: [25, 50, 100],
        result: 'healthy',
        promotions: 2,
      });
    }, 300_000);

    it('a blue-green update is promoted and the active service points at the new pods', async () => {
      const run = await runScript(cluster, 'rolling-update.sh', [
        '--strategy',
        'blue-green',
        'update',
        'meeting-service',
        'v2.0.0',
        '--timeout',
        '240',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('healthy (Healthy)');
      expect(run.stdout).toContain('promoted 1 time(s)');
      const ro = await cluster.kubectl([
        'get',
        'rollout',
        'meeting-service',
        '-n',
        'gomeet',
        '-o',
        'jsonpath={.status.blueGreen.activeSelector}={.status.currentPodHash}',
      ]);
      const [active, current] = ro.stdout.split('=');
      expect(active).toBe(current);
    }, 300_000);
  },
);
