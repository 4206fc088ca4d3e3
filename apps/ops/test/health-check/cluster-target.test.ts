import { waitUntil, type KubeCluster } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, HealthReport } from '../../src/commands/health-check/report.js';
import {
  controlPlaneAvailable,
  getJson,
  kubectlOk,
  runLine,
  startProductionCluster,
} from '../harness/production-cluster.js';
import { runCli } from '../harness/run-cli.js';

const ready = controlPlaneAvailable('health-check against a real control plane');
const SCRIPT = './deployment/digitalocean/health-check.sh';
const byName = (r: HealthReport) => new Map(r.checks.map((c) => [c.name, c]));

describe.skipIf(!ready)(
  'health-check on a real control plane running the production manifests',
  () => {
    let cluster: KubeCluster;
    let warningReason: string;

    beforeAll(async () => {
      cluster = await startProductionCluster();
      // What DigitalOcean's cloud controller does for the traefik Service of type LoadBalancer.
      await kubectlOk(cluster, [
        'patch',
        'service',
        'traefik',
        '-n',
        'gomeet',
        '--subresource=status',
        '--type=merge',
        '-p',
        '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}',
      ]);
      // Without metrics-server the HPA controller reports Warning events; wait for the first.
      await waitUntil(
        'a Warning event',
        60_000,
        async () => {
          const events = await getJson<{ items: { reason: string }[] }>(cluster, [
            'events',
            '-n',
            'gomeet',
            '--field-selector',
            'type=Warning',
          ]);
          warningReason = events.items[0]?.reason ?? '';
          return warningReason !== '';
        },
        1000,
      );
      // The HPA raises auth-service to its minimum of 8 on its own schedule (slower on a busy
      // machine): wait until all 8 are ready, as an operator would before reading the report.
      await waitUntil(
        'auth-service at 8 ready replicas',
        120_000,
        async () => {
          const auth = await getJson<{ status?: { readyReplicas?: number } }>(cluster, [
            'deployment',
            'auth-service',
            '-n',
            'gomeet',
          ]);
          return auth.status?.readyReplicas === 8;
        },
        1000,
      );
    }, 360_000);
    afterAll(async () => {
      await cluster?.stop();
    });

    it('health-check.sh --format json check: every workload in its shape, unreconciled Rollouts and warning events make it degraded (exit 1)', async () => {
      const r = await runLine(cluster, [SCRIPT, '--format', 'json', 'check']);
      const report = JSON.parse(r.stdout) as HealthReport;
      const checks = byName(report);
      expect(report).toMatchObject({ status: 'degraded', target: 'cluster', namespace: 'gomeet' });
      expect(r.code, r.stderr).toBe(1);
      // The HPA's minimum of 8 replicas, all running on kwok nodes.
      expect(checks.get('deployment/auth-service')).toMatchObject({
        status: 'pass',
        value: 8,
        threshold: 8,
      });
      for (const app of ['chat-service', 'frontend', 'traefik', 'livekit-sfu'])
        expect(checks.get(`deployment/${app}`)?.status, app).toBe('pass');
      expect(checks.get('daemonset/coturn')).toMatchObject({
        status: 'pass',
        value: 2,
        message: '2/2 pods ready (one per node)',
      });
      expect(checks.has('deployment/coturn')).toBe(false);
      expect(checks.get('rollout/meeting-service')).toMatchObject({
        status: 'warn',
        message:
          'Rollout (blue-green) not reconciled: no status from the Argo Rollouts controller (is it running?); Deployment meeting-service serves 1/1 replicas ready',
      });
      expect(checks.get('rollout/signaling-service')?.message).toMatch(
        /^Rollout \(canary\) not reconciled/,
      );
      // kwok pods run no process: /readyz is skipped, never proxied to a simulated address.
      expect(checks.get('readyz/auth-service')).toMatchObject({
        status: 'skip',
        message: 'its 8 ready pod(s) run on simulated (kwok) nodes: no process serves /readyz',
      });
      expect(checks.get('pods')).toMatchObject({ status: 'pass', value: 0 });
      expect(checks.get('events')?.status).toBe('warn');
      expect(checks.get('events')?.message).toContain(warningReason);
      expect(checks.get('load-balancer/traefik')).toMatchObject({
        status: 'pass',
        value: '203.0.113.10',
      });
      expect(checks.get('pods-non-root')?.status).toBe('pass');
      expect(checks.get('read-only-root-filesystem')?.status).toBe('pass');
      expect(checks.get('network-policies')).toMatchObject({ status: 'pass', value: 13 });
      const notPassing = report.checks.filter((c) => c.status === 'warn' || c.status === 'fail');
      expect(notPassing.map((c) => c.name).sort()).toEqual([
        'events',
        'rollout/meeting-service',
        'rollout/signaling-service',
      ]);
    }, 60_000);

    it('health-check.sh services prints the text report', async () => {
      const r = await runLine(cluster, [SCRIPT, 'services']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^GoMeet DEGRADED \(target cluster, namespace gomeet, /);
      expect(r.stdout).toMatch(/\n {2}PASS {2}daemonset\/coturn +2\/2 pods ready/);
      expect(r.stdout).toMatch(
        /\n {2}WARN {2}rollout\/signaling-service +Rollout \(canary\) not reconciled/,
      );
      // services leaves out network, resources and security.
      expect(r.stdout).not.toContain('load-balancer');
    }, 60_000);

    it('health-check.sh performance: no metrics-server and no PROMETHEUS_URL are skipped, not red', async () => {
      const r = await runLine(cluster, [SCRIPT, '--format', 'json', 'performance']);
      const report = JSON.parse(r.stdout) as HealthReport;
      expect(r.code, r.stderr).toBe(0);
      expect(report.checks.map((c) => [c.name, c.status])).toEqual([
        ['pod-resources', 'skip'],
        ['performance', 'skip'],
      ]);
      expect(report.checks[0]?.message).toContain('metrics-server');
    }, 60_000);

    it('reports a Rollout Argo has made Healthy as passing, and pods that cannot be scheduled', async () => {
      // What the Argo Rollouts controller does: status on the Rollout, the Deployment at 0.
      await kubectlOk(cluster, [
        'patch',
        'rollout',
        'meeting-service',
        '-n',
        'gomeet',
        '--subresource=status',
        '--type=merge',
        '-p',
        '{"status":{"phase":"Healthy","replicas":1,"readyReplicas":1,"availableReplicas":1}}',
      ]);
      await kubectlOk(cluster, [
        'scale',
        'deployment',
        'meeting-service',
        '-n',
        'gomeet',
        '--replicas=0',
      ]);
      // A frontend change that no node can take: the new pod stays Pending.
      await kubectlOk(cluster, [
        'patch',
        'deployment',
        'frontend',
        '-n',
        'gomeet',
        '--type=merge',
        '-p',
        '{"spec":{"template":{"spec":{"nodeSelector":{"doks.digitalocean.com/node-pool":"gomeet-gone"}}}}}',
      ]);
      let pods: CheckResult | undefined;
      let report: HealthReport | undefined;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const r = await runCli(['--format', 'json', 'health-check', 'services'], {
          env: { KUBECONFIG: cluster.kubeconfig },
        });
        report = r.json<HealthReport>();
        pods = byName(report).get('pods');
        if (pods?.status === 'warn') break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(pods?.message).toMatch(
        /^1 of \d+ pod\(s\) not running: frontend-[a-z0-9-]+: Pending \(Unschedulable\)$/,
      );
      const checks = byName(report!);
      expect(checks.get('rollout/meeting-service')).toMatchObject({
        status: 'pass',
        message: 'Rollout (blue-green) Healthy: 1/1 replicas available',
      });
      // maxUnavailable 0: the old frontend pods keep serving.
      expect(checks.get('deployment/frontend')?.status).toBe('pass');
    }, 60_000);

    it('exits 3 with one line when no cluster is configured', async () => {
      const r = await runCli(['health-check', 'check'], { env: { HOME: '/nonexistent' } });
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(
        'error: no Kubernetes cluster configured: run doctl kubernetes cluster kubeconfig save gomeet-cluster, or use --target local\n',
      );
    });
  },
);
