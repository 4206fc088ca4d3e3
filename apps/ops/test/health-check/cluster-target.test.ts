import { describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/commands/health-check/report.js';
import { runCli } from '../harness/run-cli.js';
import { deployment, fakeKube, healthyCluster } from './fake-cluster.js';

const check = (r: HealthReport, name: string) => r.checks.find((c) => c.name === name);

describe('health-check on the cluster target (fake Kubernetes API)', () => {
  it('reports a healthy namespace: replicas ready, /readyz through the API proxy, LB address, hardened pods', async () => {
    const calls: string[] = [];
    const r = await runCli(
      ['health-check', '--format', 'json', '--namespace', 'gomeet-dr-test', 'check'],
      { kube: fakeKube(healthyCluster(), calls) },
    );
    const report = r.json<HealthReport>();
    expect(report).toMatchObject({
      status: 'healthy',
      target: 'cluster',
      namespace: 'gomeet-dr-test',
    });
    expect(r.code).toBe(0);
    expect(calls).toEqual(['deployments gomeet-dr-test']);
    expect(check(report, 'deployment/auth-service')).toMatchObject({
      status: 'pass',
      value: 2,
      threshold: 2,
    });
    expect(check(report, 'readyz/chat-service')?.status).toBe('pass');
    // Without DATABASE_URL / REDIS_URL the data checks are what the services report.
    expect(check(report, 'postgresql')).toMatchObject({ status: 'pass', value: 'ok' });
    expect(check(report, 'livekit')).toMatchObject({ status: 'pass' });
    expect(check(report, 'load-balancer/traefik')).toMatchObject({
      status: 'pass',
      value: '203.0.113.10',
    });
    expect(check(report, 'pod-cpu')).toMatchObject({ status: 'pass', value: 50 });
    expect(check(report, 'pods-non-root')?.status).toBe('pass');
    expect(check(report, 'network-policies')).toMatchObject({ status: 'pass', value: 3 });
  });

  it('is degraded when a deployment runs short of replicas, unhealthy when one has none ready', async () => {
    const state = healthyCluster();
    state.deployments[1] = deployment('meeting-service', 3, 1);
    const degraded = await runCli(['health-check', '--format', 'json', 'services'], {
      kube: fakeKube(state),
    });
    expect(check(degraded.json(), 'deployment/meeting-service')).toMatchObject({
      status: 'warn',
      message: '1/3 replicas ready',
    });
    expect(degraded.code).toBe(1);
    state.deployments[1] = deployment('meeting-service', 3, 0);
    const down = await runCli(['health-check', '--format', 'json', 'services'], {
      kube: fakeKube(state),
    });
    expect(check(down.json(), 'deployment/meeting-service')?.status).toBe('fail');
    expect(down.code).toBe(2);
  });

  it('fails a missing deployment, a pending load balancer and a 503 /readyz naming its failing dependency', async () => {
    const state = healthyCluster();
    state.deployments = state.deployments.filter((d) => d.metadata?.name !== 'traefik');
    state.services[0] = {
      metadata: { name: 'traefik' },
      spec: { type: 'LoadBalancer' },
      status: { loadBalancer: {} },
    };
    state.readyz['auth-service'] = {
      code: 503,
      body: JSON.stringify({
        status: 'failing',
        checks: { database: 'failing', redis: 'ok' },
        failing: ['database'],
      }),
    };
    const report = (
      await runCli(['health-check', '--format', 'json', 'check'], { kube: fakeKube(state) })
    ).json<HealthReport>();
    expect(check(report, 'deployment/traefik')?.status).toBe('fail');
    expect(check(report, 'load-balancer/traefik')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('pending') as unknown,
    });
    expect(check(report, 'readyz/auth-service')).toMatchObject({
      status: 'fail',
      message: 'not ready (503: database failing)',
    });
    expect(check(report, 'postgresql')?.status).toBe('fail');
    expect(report.status).toBe('unhealthy');
  });

  it('warns about root containers, writable root filesystems, missing NetworkPolicies and pods over their CPU request', async () => {
    const state = healthyCluster();
    state.pods.push({
      metadata: { name: 'legacy-1' },
      spec: { containers: [{ name: 'legacy', resources: { requests: { cpu: '100m' } } }] },
      status: { phase: 'Running' },
    });
    state.podMetrics?.push({ name: 'legacy-1', cpu: '150m', memory: '10Mi' });
    state.networkPolicies = 0;
    const r = await runCli(['health-check', '--format', 'json', 'check'], {
      kube: fakeKube(state),
    });
    const report = r.json<HealthReport>();
    expect(check(report, 'pods-non-root')).toMatchObject({
      status: 'warn',
      value: 1,
      message: expect.stringContaining('legacy-1/legacy') as unknown,
    });
    expect(check(report, 'read-only-root-filesystem')?.status).toBe('warn');
    expect(check(report, 'network-policies')?.status).toBe('warn');
    expect(check(report, 'pod-cpu')).toMatchObject({ status: 'warn', value: 150 });
    expect(r.code).toBe(1);
  });

  it('skips pod resources when the metrics API is missing', async () => {
    const state = healthyCluster();
    delete state.podMetrics;
    const report = (
      await runCli(['health-check', '--format', 'json', 'performance'], { kube: fakeKube(state) })
    ).json<HealthReport>();
    expect(check(report, 'pod-resources')?.status).toBe('skip');
  });

  it('exits 3 with one line when no cluster is configured', async () => {
    const r = await runCli(['health-check', 'check'], { env: { HOME: '/nonexistent' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'error: no Kubernetes cluster configured: run doctl kubernetes cluster kubeconfig save gomeet-cluster, or use --target local\n',
    );
  });
});
