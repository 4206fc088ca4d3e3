import type { KubeCluster } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, runScript, startGomeetCluster } from '../scale-services/gomeet-cluster.js';
import { controlPlaneAvailable } from '../harness/production-cluster.js';

interface ReplicaSetList {
  items: {
    metadata: { name: string; annotations: Record<string, string> };
    spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    status: { readyReplicas?: number };
  }[];
}
interface Deployment {
  spec: {
    strategy: { rollingUpdate?: { maxSurge: number | string; maxUnavailable: number | string } };
    template: { spec: { terminationGracePeriodSeconds: number; containers: { image: string }[] } };
  };
}
interface Status {
  services: {
    service: string;
    revision: number;
    image: string;
    ready: number;
    desired: number;
    phase: string;
  }[];
}

const REGISTRY = 'registry.digitalocean.com/gomeet';

describe.skipIf(!controlPlaneAvailable('rolling-update'))(
  'rolling-update.sh against a real control plane',
  () => {
    let cluster: KubeCluster;
    const roll = (...args: string[]) => runScript(cluster, 'rolling-update.sh', args);
    const imageOf = async (service: string) =>
      (await getJson<Deployment>(cluster, ['deployment', service])).spec.template.spec.containers[0]
        ?.image;

    beforeAll(async () => {
      cluster = await startGomeetCluster();
    }, 240_000);
    afterAll(async () => {
      await cluster?.stop();
    });

    it('update auth-service v1.2.3 rolls from the old ReplicaSet to a new one', async () => {
      const run = await roll('update', 'auth-service', 'v1.2.3');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(
        `${REGISTRY}/auth-service:v1.0.0 → ${REGISTRY}/auth-service:v1.2.3`,
      );
      expect(run.stdout).toMatch(
        /revision 1 → 2, replicaset auth-service-\w+ → auth-service-\w+, 2\/2/,
      );
      expect(run.stderr).toContain('auth-service:'); // progress on stderr
      const sets = await getJson<ReplicaSetList>(cluster, ['rs', '-l', 'app=auth-service']);
      const byImage = new Map(
        sets.items.map((rs) => [rs.spec.template.spec.containers[0]?.image, rs] as const),
      );
      expect(byImage.get(`${REGISTRY}/auth-service:v1.2.3`)?.status.readyReplicas).toBe(2);
      expect(byImage.get(`${REGISTRY}/auth-service:v1.0.0`)?.spec.replicas).toBe(0);
    }, 120_000);

    it('rollback meeting-service restores the previous image', async () => {
      expect((await roll('update', 'meeting-service', 'v1.1.0')).code).toBe(0);
      expect(await imageOf('meeting-service')).toBe(`${REGISTRY}/meeting-service:v1.1.0`);
      const run = await roll('rollback', 'meeting-service');
      expect(run.code, run.stderr).toBe(0);
      expect(await imageOf('meeting-service')).toBe(`${REGISTRY}/meeting-service:v1.0.0`);
      expect(run.stdout).toContain('complete: rollout complete');
    }, 120_000);

    it('status reports every service with its revision, image, ready/desired and phase', async () => {
      const run = await roll('status', '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      const { services } = JSON.parse(run.stdout) as Status;
      expect(services.map((s) => s.service)).toEqual([
        'auth-service',
        'meeting-service',
        'signaling-service',
        'chat-service',
        'frontend',
        'livekit-sfu',
      ]);
      expect(services[0]).toEqual(
        expect.objectContaining({
          revision: 2,
          image: `${REGISTRY}/auth-service:v1.2.3`,
          ready: 2,
          desired: 2,
          phase: 'Complete',
        }),
      );
      // A rollback is a new revision (3) with the first template, as kubectl rollout undo does.
      expect(services[1]).toMatchObject({
        revision: 3,
        image: `${REGISTRY}/meeting-service:v1.0.0`,
      });
      const text = await roll('status');
      expect(text.stdout).toMatch(
        /chat-service\s+Deployment\s+1\s+\S+chat-service:v1\.0\.0\s+2\/2\s+Complete/,
      );
    }, 60_000);

    it('--strategy blue-green update api-service v2.0.0 names the known services', async () => {
      const run = await roll('--strategy', 'blue-green', 'update', 'api-service', 'v2.0.0');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('did you mean auth-service?');
      expect(run.stderr).toContain('known services: auth-service, meeting-service');
    }, 30_000);

    it('--strategy canary update livekit-sfu v2.1.0 explains and drains node by node instead', async () => {
      const run = await roll(
        '--strategy',
        'canary',
        'update',
        'livekit-sfu',
        'v2.1.0',
        '--timeout',
        '120',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('--strategy canary does not apply to an SFU');
      expect(run.stdout).toContain(
        'livekit/livekit-server:v1.13.5 → livekit/livekit-server:v2.1.0',
      );
      const d = await getJson<Deployment>(cluster, ['deployment', 'livekit-sfu']);
      expect(d.spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
      expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(10800);
      expect(d.spec.template.spec.containers[0]?.image).toBe('livekit/livekit-server:v2.1.0');
    }, 180_000);

    it('refuses the runbook tag "latest"', async () => {
      const run = await roll('--strategy', 'rolling', 'update', 'auth-service', 'latest');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('refusing tag "latest"');
    }, 30_000);
  },
);
