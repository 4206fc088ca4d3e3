import { startKubeCluster, type KubeCluster } from '@gomeet/testing';
import { getJson as getJsonIn, runLine, type LineRun } from '../harness/production-cluster.js';

const SERVICES = [
  'auth-service',
  'meeting-service',
  'signaling-service',
  'chat-service',
  'frontend',
];

function labels(name: string) {
  return { app: name, 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'gomeet' };
}

/** A small Deployment shaped like the base's: general pool, container named after the service. */
function nodeService(name: string, replicas: number): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'gomeet', labels: labels(name) },
    spec: {
      replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(name) },
        spec: {
          nodeSelector: { 'doks.digitalocean.com/node-pool': 'gomeet-general' },
          containers: [
            {
              name,
              image: `registry.digitalocean.com/gomeet/${name}:v1.0.0`,
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  };
}

/** livekit-sfu as the base has it: media pool, host network, one per node. */
function livekit(): object {
  const name = 'livekit-sfu';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'gomeet', labels: labels(name) },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      template: {
        metadata: { labels: labels(name) },
        spec: {
          hostNetwork: true,
          nodeSelector: { 'doks.digitalocean.com/node-pool': 'gomeet-media' },
          tolerations: [
            { key: 'gomeet.io/media', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
          ],
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                {
                  topologyKey: 'kubernetes.io/hostname',
                  labelSelector: { matchLabels: { app: name } },
                },
              ],
            },
          },
          containers: [
            {
              name,
              image: 'livekit/livekit-server:v1.13.5',
              ports: [{ name: 'http', containerPort: 7880 }],
              resources: { requests: { cpu: '1', memory: '1Gi' } },
            },
          ],
        },
      },
    },
  };
}

/** A control plane with namespace gomeet and every GoMeet Deployment at v1.0.0, all ready. */
export async function startGomeetCluster(): Promise<KubeCluster> {
  const cluster = await startKubeCluster();
  try {
    const items = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gomeet' } },
      ...SERVICES.map((s) => nodeService(s, 2)),
      livekit(),
    ];
    const applied = await cluster.kubectl(['apply', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
    });
    if (applied.code !== 0)
      throw new Error(`applying the GoMeet Deployments failed: ${applied.stderr}`);
    const waited = await cluster.kubectl(
      [
        'wait',
        '-n',
        'gomeet',
        '--for=condition=Available',
        'deployment',
        '--all',
        '--timeout=120s',
      ],
      { timeoutMs: 130_000 },
    );
    if (waited.code !== 0) throw new Error(`GoMeet Deployments not ready: ${waited.stderr}`);
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** What a wrapper script run printed and its exit code. */
export type ScriptRun = LineRun;

/**
 * Runs deployment/digitalocean/<script> from the repo root, as the runbook writes it, with this
 * process's environment minus the DigitalOcean token and Prometheus URL.
 */
export function runScript(
  cluster: KubeCluster,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ScriptRun> {
  return runLine(cluster, [`./deployment/digitalocean/${script}`, ...args], {
    ...process.env,
    KUBECONFIG: cluster.kubeconfig,
    DIGITALOCEAN_TOKEN: '',
    PROMETHEUS_URL: '',
    ...env,
  });
}

/** `kubectl get -n gomeet … -o json` parsed. */
export function getJson<T>(cluster: KubeCluster, args: string[]): Promise<T> {
  return getJsonIn<T>(cluster, ['-n', 'gomeet', ...args]);
}
