import type { V1Deployment, V1NetworkPolicyList, V1Pod, V1Service } from '@kubernetes/client-node';
import type { KubeClients } from '../../src/cli/context.js';
import {
  EXPECTED_DEPLOYMENTS,
  type ClusterApi,
} from '../../src/commands/health-check/check-context.js';

/** What the fake Kubernetes API holds; tests change it to break one thing at a time. */
export interface FakeClusterState {
  deployments: V1Deployment[];
  services: V1Service[];
  pods: V1Pod[];
  networkPolicies: number;
  readyz: Record<string, { code: number; body: unknown }>;
  podMetrics?: { name: string; cpu: string; memory: string }[];
}

export function deployment(app: string, replicas: number, ready: number): V1Deployment {
  return {
    metadata: { name: app, labels: { app } },
    spec: { replicas, selector: { matchLabels: { app } }, template: {} },
    status: { readyReplicas: ready },
  };
}

export function hardenedPod(name: string, cpu = '500m', memory = '512Mi'): V1Pod {
  return {
    metadata: { name },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000 },
      containers: [
        {
          name: 'app',
          securityContext: { readOnlyRootFilesystem: true },
          resources: { requests: { cpu, memory } },
        },
      ],
    },
    status: { phase: 'Running' },
  };
}

/** A healthy GoMeet namespace as the runbook deploys it. */
export function healthyCluster(): FakeClusterState {
  const ok = {
    code: 200,
    body: JSON.stringify({ status: 'ok', checks: { database: 'ok', redis: 'ok', livekit: 'ok' } }),
  };
  return {
    deployments: EXPECTED_DEPLOYMENTS.map((app) => deployment(app, 2, 2)),
    services: [
      {
        metadata: { name: 'traefik' },
        spec: { type: 'LoadBalancer' },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
      },
    ],
    pods: [hardenedPod('auth-service-1'), hardenedPod('meeting-service-1')],
    networkPolicies: 3,
    readyz: {
      'auth-service': ok,
      'meeting-service': ok,
      'signaling-service': ok,
      'chat-service': ok,
    },
    podMetrics: [
      { name: 'auth-service-1', cpu: '100m', memory: '200Mi' },
      { name: 'meeting-service-1', cpu: '250m', memory: '256Mi' },
    ],
  };
}

/** A fake of exactly the Kubernetes calls health-check makes, answering from `state`. */
export function fakeKube(
  state: FakeClusterState,
  calls: string[] = [],
): () => Promise<KubeClients> {
  const api: ClusterApi = {
    apps: {
      listNamespacedDeployment: ({ namespace }) => (
        calls.push(`deployments ${namespace}`),
        Promise.resolve({ items: state.deployments })
      ),
    },
    core: {
      listNamespacedService: () => Promise.resolve({ items: state.services }),
      listNamespacedPod: () => Promise.resolve({ items: state.pods }),
      connectGetNamespacedServiceProxyWithPath: ({ name }) => {
        const answer = state.readyz[name];
        if (!answer)
          return Promise.reject(
            Object.assign(new Error('HTTP-Code: 404'), { code: 404, body: '' }),
          );
        if (answer.code !== 200)
          return Promise.reject(Object.assign(new Error(`HTTP-Code: ${answer.code}`), answer));
        return Promise.resolve(answer.body as string);
      },
    },
    networking: {
      listNamespacedNetworkPolicy: () =>
        Promise.resolve({
          items: Array.from({ length: state.networkPolicies }, () => ({})),
        } as V1NetworkPolicyList),
    },
    metrics: {
      getPodMetrics: () =>
        state.podMetrics
          ? Promise.resolve({
              kind: 'PodMetricsList',
              apiVersion: 'metrics.k8s.io/v1beta1',
              metadata: { selfLink: '' },
              items: state.podMetrics.map((m) => ({
                metadata: {
                  name: m.name,
                  namespace: 'gomeet',
                  selfLink: '',
                  creationTimestamp: '',
                },
                timestamp: '',
                window: '30s',
                containers: [{ name: 'app', usage: { cpu: m.cpu, memory: m.memory } }],
              })),
            })
          : Promise.reject(new Error('the server could not find the requested resource')),
    },
  };
  // KubeClients carries more API surface than health-check uses; the fake implements only ClusterApi.
  return () => Promise.resolve(api as unknown as KubeClients);
}
