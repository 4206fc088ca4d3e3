import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { KubeClients } from '../../src/cli/context.js';
import type {
  EfficiencyApi,
  EfficiencyReport,
} from '../../src/commands/cost-monitor/efficiency.js';
import { runCli } from '../harness/run-cli.js';

function pod(name: string, app: string, cpu?: string, memory?: string): V1Pod {
  const requests = { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) };
  return {
    metadata: { name, labels: { app } },
    spec: { containers: [{ name: 'app', resources: { requests } }] },
    status: { phase: 'Running' },
  };
}

function fakeKube(
  pods: V1Pod[],
  usage: Record<string, [string, string]> | null,
): () => Promise<KubeClients> {
  const api: EfficiencyApi = {
    core: { listNamespacedPod: () => Promise.resolve({ items: pods }) },
    metrics: {
      getPodMetrics: () =>
        usage
          ? Promise.resolve({
              kind: 'PodMetricsList',
              apiVersion: 'metrics.k8s.io/v1beta1',
              metadata: { selfLink: '' },
              items: Object.entries(usage).map(([name, [cpu, memory]]) => ({
                metadata: { name, namespace: 'gomeet', selfLink: '', creationTimestamp: '' },
                timestamp: '',
                window: '30s',
                containers: [{ name: 'app', usage: { cpu, memory } }],
              })),
            })
          : Promise.reject(
              new Error(
                'the server could not find the requested resource (get pods.metrics.k8s.io)',
              ),
            ),
    },
  };
  // The fake implements only the calls efficiency makes.
  return () => Promise.resolve(api as unknown as KubeClients);
}

const offline = () => Promise.reject(new Error('no network in tests'));

describe('cost-monitor efficiency (fake Kubernetes API)', () => {
  it('sets usage against requests per workload, prices the idle part and recommends', async () => {
    const kube = fakeKube(
      [
        pod('auth-1', 'auth-service', '1', '1Gi'),
        pod('auth-2', 'auth-service', '1', '1Gi'),
        pod('sfu-1', 'livekit-sfu', '4', '4Gi'),
        pod('chat-1', 'chat-service'),
      ],
      {
        'auth-1': ['100m', '256Mi'],
        'auth-2': ['100m', '256Mi'],
        'sfu-1': ['3800m', '3Gi'],
        'chat-1': ['50m', '100Mi'],
      },
    );
    const r = await runCli(['cost-monitor', '--format', 'json', 'efficiency'], {
      env: {},
      kube,
      fetch: offline,
    });
    const report = r.json<EfficiencyReport>();
    expect(r.code).toBe(0);
    const auth = report.workloads.find((w) => w.workload === 'auth-service');
    // 1.8 idle vCPU × $10.50 + 1.5 idle GiB × $5.25 (half a $672 c-32 each way).
    expect(auth).toMatchObject({
      pods: 2,
      cpuRequestCores: 2,
      cpuUsageCores: 0.2,
      cpuEfficiencyPercent: 10,
      memoryEfficiencyPercent: 25,
      idleMonthlyUsd: 26.78,
    });
    expect(auth?.recommendation).toBe(
      'lower the CPU request to ~130m per pod (usage + 30%), from 1000m',
    );
    expect(report.workloads[0]?.workload).toBe('auth-service');
    expect(report.workloads.find((w) => w.workload === 'livekit-sfu')?.recommendation).toMatch(
      /^raise the CPU request/,
    );
    expect(report.workloads.find((w) => w.workload === 'chat-service')).toMatchObject({
      cpuEfficiencyPercent: null,
      recommendation: expect.stringContaining('set CPU and memory requests') as unknown,
    });
  });

  it('exits 3 with one line when the metrics API is missing', async () => {
    const r = await runCli(['cost-monitor', 'efficiency'], {
      env: {},
      kube: fakeKube([], null),
      fetch: offline,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: metrics API unavailable \(install metrics-server\)/);
  });

  it('exits 3 with the kubeconfig hint when no cluster is configured', async () => {
    const r = await runCli(['cost-monitor', 'efficiency'], {
      env: { HOME: '/nonexistent' },
      fetch: offline,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no Kubernetes cluster configured');
  });
});
