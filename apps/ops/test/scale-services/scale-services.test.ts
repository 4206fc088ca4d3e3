import type { KubeCluster } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, runScript, startGomeetCluster } from './gomeet-cluster.js';
import { controlPlaneAvailable } from '../harness/production-cluster.js';

interface PodList {
  items: { spec: { nodeName?: string }; status: { phase?: string } }[];
}
interface Hpa {
  spec: {
    minReplicas: number;
    maxReplicas: number;
    metrics: { resource: { name: string; target: { averageUtilization: number } } }[];
  };
}

describe.skipIf(!controlPlaneAvailable('scale-services'))(
  'scale-services.sh against a real control plane',
  () => {
    let cluster: KubeCluster;
    const scale = (...args: string[]) => runScript(cluster, 'scale-services.sh', args);

    beforeAll(async () => {
      cluster = await startGomeetCluster();
    }, 240_000);
    afterAll(async () => {
      await cluster?.stop();
    });

    it('auto creates the HPAs the kustomize base declares (auth-service 8–20 at 70 % CPU / 80 % memory)', async () => {
      const run = await scale('auto');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/auth-service-hpa\s+deployment\/auth-service\s+8–20 pods/);
      const hpa = await getJson<Hpa>(cluster, ['hpa', 'auth-service-hpa']);
      expect(hpa.spec).toMatchObject({ minReplicas: 8, maxReplicas: 20 });
      expect(
        hpa.spec.metrics.map((m) => [m.resource.name, m.resource.target.averageUtilization]),
      ).toEqual([
        ['cpu', 70],
        ['memory', 80],
      ]);
      expect((await scale('auto')).stdout).toMatch(/auth-service-hpa.*unchanged/);
    }, 60_000);

    it('manual auth-service 20 raises its HPA floor and really runs 20 pods on general nodes', async () => {
      const run = await scale('manual', 'auth-service', '20');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('hpa/auth-service-hpa: set min 8 → 20');
      expect(run.stdout).toMatch(/deployment\/auth-service: scaled \d+ → 20 replicas \(20 ready\)/);
      const pods = await getJson<PodList>(cluster, ['pods', '-l', 'app=auth-service']);
      const running = pods.items.filter((p) => p.status.phase === 'Running');
      expect(running).toHaveLength(20);
      expect(new Set(running.map((p) => p.spec.nodeName?.replace(/-\d+$/, '')))).toEqual(
        new Set(['gomeet-general']),
      );
      expect((await getJson<Hpa>(cluster, ['hpa', 'auth-service-hpa'])).spec.minReplicas).toBe(20);
    }, 120_000);

    it('create-hpa livekit-sfu explains one SFU per media node and points at the node-pool autoscaler', async () => {
      const run = await scale('create-hpa', 'livekit-sfu');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('one pod per media node');
      expect(run.stdout).toContain('enable-cluster-autoscaler');
      expect(run.stdout).toMatch(/livekit-sfu-hpa\s+deployment\/livekit-sfu\s+2–20 pods, cpu 60 %/);
    }, 60_000);

    it('manual livekit-sfu 50 sizes the media node pool instead, and changes nothing without a token', async () => {
      const dry = await scale('--dry-run', 'manual', 'livekit-sfu', '50');
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('50 SFUs need 50 nodes in the gomeet-media pool');
      expect(dry.stdout).toContain(
        'doctl kubernetes cluster node-pool update gomeet-cluster gomeet-media',
      );
      expect(dry.stdout).toContain('deployment/livekit-sfu: would scale 2 → 50 replicas');

      const noToken = await scale('manual', 'livekit-sfu', '50');
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toContain('DIGITALOCEAN_TOKEN is not set');
      const d = await getJson<{ spec: { replicas: number } }>(cluster, [
        'deployment',
        'livekit-sfu',
      ]);
      expect(d.spec.replicas).toBe(2);
    }, 60_000);

    it('refuses an unknown service with exit 2 and lists the known ones', async () => {
      const run = await scale('manual', 'api-service', '3');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('unknown service "api-service" (did you mean auth-service?)');
      expect(run.stderr).toContain('livekit-sfu');
    }, 30_000);

    it('enable-cluster-autoscaler --dry-run shows the DOKS node-pool bounds without a token', async () => {
      const run = await scale('enable-cluster-autoscaler', '--dry-run', '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      const pools = (JSON.parse(run.stdout) as { pools: { pool: string; after: object }[] }).pools;
      expect(pools).toEqual([
        expect.objectContaining({
          pool: 'gomeet-general',
          after: { autoScale: true, min: 3, max: 10 },
        }),
        expect.objectContaining({
          pool: 'gomeet-media',
          after: { autoScale: true, min: 2, max: 20 },
        }),
      ]);
    }, 30_000);
  },
);
