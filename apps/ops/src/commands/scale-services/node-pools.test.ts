import { describe, expect, it } from 'vitest';
import type { DoCluster, DoNodePool } from '../../cli/digitalocean.js';
import { applyPoolChanges, describePool, doctlFor, type NodePoolApi } from './node-pools.js';

/** A fake of the two DigitalOcean calls node-pool changes make, holding one cluster in memory. */
function fakeApi() {
  const cluster: DoCluster = {
    id: 'c0ffee00-0000-4000-8000-000000000001',
    name: 'gomeet-cluster',
    region: 'fra1',
    node_pools: [
      {
        id: 'p-general',
        name: 'gomeet-general',
        size: 'c-8',
        count: 2,
        auto_scale: false,
        min_nodes: 0,
        max_nodes: 0,
        tags: ['k8s', 'k8s-worker', 'k8s:c0ffee00-0000-4000-8000-000000000001', 'gomeet'],
        labels: { 'gomeet.io/pool': 'general' },
        taints: [],
      },
      {
        id: 'p-media',
        name: 'gomeet-media',
        size: 'c-32-intel',
        count: 6,
        auto_scale: true,
        min_nodes: 3,
        max_nodes: 20,
        labels: { 'gomeet.io/pool': 'media' },
        taints: [{ key: 'gomeet.io/media', value: 'true', effect: 'NoSchedule' }],
      },
    ],
  };
  const puts: { poolId: string; body: DoNodePool }[] = [];
  const api: NodePoolApi = {
    listClusters: () => Promise.resolve([structuredClone(cluster)]),
    updateNodePool: (_clusterId, poolId, body) => {
      puts.push({ poolId, body });
      const i = cluster.node_pools.findIndex((p) => p.id === poolId);
      cluster.node_pools[i] = { ...cluster.node_pools[i]!, ...body, id: poolId };
      return Promise.resolve(structuredClone(cluster.node_pools[i]));
    },
  };
  return { api, puts };
}

describe('node-pool changes through a fake DigitalOcean API', () => {
  it('turns on autoscaling, raising the count to the floor, and sends back only our own tags', async () => {
    const { api, puts } = fakeApi();
    const [general] = await applyPoolChanges(api, {}, [
      { pool: 'gomeet-general', autoScale: { min: 3, max: 10 } },
    ]);
    expect(general).toMatchObject({ applied: true, before: { count: 2, autoScale: false } });
    expect(puts[0]).toMatchObject({
      poolId: 'p-general',
      body: {
        name: 'gomeet-general',
        size: 'c-8',
        count: 3,
        auto_scale: true,
        min_nodes: 3,
        max_nodes: 10,
        tags: ['gomeet'],
        labels: { 'gomeet.io/pool': 'general' },
      },
    });
  });

  it('keeps the media taint and widens an autoscaling pool to a fixed size asked for', async () => {
    const { api, puts } = fakeApi();
    const [media] = await applyPoolChanges(api, {}, [{ pool: 'gomeet-media', count: 50 }]);
    expect(puts[0]?.body).toMatchObject({
      count: 50,
      auto_scale: true,
      min_nodes: 50,
      max_nodes: 50,
      taints: [{ key: 'gomeet.io/media', value: 'true', effect: 'NoSchedule' }],
    });
    expect(describePool(media!)).toBe(
      'gomeet-media: 6 nodes (autoscale 3–20) → 50 nodes (autoscale 50–50)',
    );
  });

  it('without an API (no token, or --dry-run) sends nothing and prints the doctl line', async () => {
    const [result] = await applyPoolChanges(undefined, { GOMEET_CLUSTER: 'gm' }, [
      { pool: 'gomeet-media', autoScale: { min: 2, max: 20 } },
    ]);
    expect(result).toMatchObject({ applied: false, before: null });
    expect(doctlFor({ GOMEET_CLUSTER: 'gm' }, result!)).toBe(
      'doctl kubernetes cluster node-pool update gm gomeet-media --auto-scale --min-nodes 2 --max-nodes 20',
    );
  });

  it('names the cluster or pool it cannot find', async () => {
    const { api } = fakeApi();
    await expect(
      applyPoolChanges(api, { GOMEET_CLUSTER: 'other' }, [{ pool: 'gomeet-media', count: 3 }]),
    ).rejects.toThrow('no DOKS cluster named other');
  });
});
