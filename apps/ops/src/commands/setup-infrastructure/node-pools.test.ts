import { describe, expect, it } from 'vitest';
import type { DoCluster, DoNodePool } from '../../cli/digitalocean.js';
import { enableNodePoolAutoscale, resizeNodePool, type NodePoolApi } from './node-pools.js';

/** A fake of the two DigitalOcean calls, holding one cluster in memory. */
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
  return { api, puts, cluster };
}

describe('node-pool autoscale and resize through a fake DigitalOcean API', () => {
  it('enables auto_scale 3-20 on the general pool, raising its count to the minimum, and keeps labels', async () => {
    const { api, puts } = fakeApi();
    const changes = await enableNodePoolAutoscale(api, { min: 3, max: 20 });
    expect(changes.map((c) => [c.pool, c.action])).toEqual([
      ['gomeet-general', 'updated'],
      ['gomeet-media', 'unchanged'],
    ]);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      poolId: 'p-general',
      body: {
        name: 'gomeet-general',
        count: 3,
        auto_scale: true,
        min_nodes: 3,
        max_nodes: 20,
        labels: { 'gomeet.io/pool': 'general' },
        tags: ['gomeet'],
      },
    });
  });

  it('sends the media pool taint back unchanged when narrowing its bounds', async () => {
    const { api, puts } = fakeApi();
    await enableNodePoolAutoscale(api, { pools: ['gomeet-media'], min: 4, max: 10 });
    expect(puts[0]?.body).toMatchObject({
      count: 6,
      min_nodes: 4,
      max_nodes: 10,
      taints: [{ key: 'gomeet.io/media', value: 'true', effect: 'NoSchedule' }],
    });
  });

  it('in a dry run reports what would change and sends nothing', async () => {
    const { api, puts } = fakeApi();
    const [general] = await enableNodePoolAutoscale(api, { min: 3, max: 20, dryRun: true });
    expect(general).toMatchObject({ action: 'would-update', after: { count: 3, autoScale: true } });
    expect(puts).toEqual([]);
  });

  it('refuses an unknown pool, naming the pools the cluster has', async () => {
    const { api } = fakeApi();
    await expect(
      enableNodePoolAutoscale(api, { pools: ['gomeet-gpu'], min: 3, max: 20 }),
    ).rejects.toThrow(
      'cluster gomeet-cluster has no node pool gomeet-gpu (it has: gomeet-general, gomeet-media)',
    );
    await expect(enableNodePoolAutoscale(api, { min: 5, max: 2 })).rejects.toThrow(
      /1 <= min <= max/,
    );
  });

  it('resizes a pool, and refuses a count outside an autoscaling pool’s bounds', async () => {
    const { api, puts } = fakeApi();
    const change = await resizeNodePool(api, { pool: 'gomeet-media', count: 12 });
    expect(change).toMatchObject({ action: 'updated', before: { count: 6 }, after: { count: 12 } });
    expect(puts[0]?.body).toMatchObject({
      count: 12,
      auto_scale: true,
      min_nodes: 3,
      max_nodes: 20,
    });
    await expect(resizeNodePool(api, { pool: 'gomeet-media', count: 30 })).rejects.toThrow(
      'node pool gomeet-media autoscales between 3 and 20: 30 is outside',
    );
  });
});
