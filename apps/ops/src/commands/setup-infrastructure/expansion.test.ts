import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { declaredInventory } from '../cost-monitor/architecture.js';
import { loadPriceTable } from '../cost-monitor/prices.js';
import { planExpansion, readPoolUsage, type UsageApi } from './expansion.js';

const traffic = { participants: 50_000, downstreamMbps: 1.5, hoursPerDay: 8, daysPerMonth: 30 };

const node = (name: string, pool: string, cpu: string, memory: string): V1Node => ({
  metadata: { name, labels: { 'doks.digitalocean.com/node-pool': pool } },
  status: { allocatable: { cpu, memory } },
});
const pod = (nodeName: string, cpu: string, memory: string, phase = 'Running'): V1Pod => ({
  spec: { nodeName, containers: [{ name: 'app', resources: { requests: { cpu, memory } } }] },
  status: { phase },
});

/** A fake of the two Kubernetes reads: 3 general nodes, 6 media nodes, pods on them. */
function fakeCore(): UsageApi {
  const nodes = [
    ...[0, 1, 2].map((i) => node(`g${i}`, 'gomeet-general', '7900m', '14Gi')),
    ...[0, 1, 2, 3, 4, 5].map((i) => node(`m${i}`, 'gomeet-media', '31', '60Gi')),
  ];
  const pods = [
    // General: 3 × 6 cores of 7.9 requested → 76%.
    ...[0, 1, 2].map((i) => pod(`g${i}`, '6', '4Gi')),
    pod('g0', '4', '1Gi', 'Succeeded'), // finished pods hold nothing
    // Media: 6 × 9.3 of 31 cores → 30%, memory 6 × 12Gi of 60Gi → 20%.
    ...[0, 1, 2, 3, 4, 5].map((i) => pod(`m${i}`, '9300m', '12Gi')),
  ];
  return {
    listNode: () => Promise.resolve({ items: nodes }),
    listPodForAllNamespaces: () => Promise.resolve({ items: pods }),
  };
}

describe('capacity expansion from node-pool requests against a faked Kubernetes API', () => {
  it('sums requests and allocatable per DOKS pool label, ignoring finished pods', async () => {
    const usage = await readPoolUsage(fakeCore());
    expect(usage['gomeet-general']).toEqual({
      nodes: 3,
      cpuRequestedCores: 18,
      cpuAllocatableCores: 23.7,
      memoryRequestedGiB: 12,
      memoryAllocatableGiB: 42,
    });
    expect(usage['gomeet-media']?.cpuRequestedCores).toBe(55.8);
  });

  it('grows a pool past 70% to what its requests need, others by 25%, and prices both', async () => {
    const plan = planExpansion(
      declaredInventory(traffic),
      'gomeet-cluster',
      await readPoolUsage(fakeCore()),
      loadPriceTable(),
      [],
    );
    expect(plan.usageSource).toBe('kubernetes-api');
    expect(plan.pools.map((p) => [p.pool, p.utilizationPercent, p.neededNow, p.next])).toEqual([
      ['gomeet-general', 76, 4, 4],
      ['gomeet-media', 30, 3, 8],
    ]);
    // Table prices: c-8 $168, c-32-intel $874.
    expect(plan.pools.map((p) => [p.currentMonthlyUsd, p.nextMonthlyUsd])).toEqual([
      [504, 672],
      [5244, 6992],
    ]);
    // Three more nodes cost $1,916 but bring 26 TiB more pooled transfer ($266.24 less egress).
    expect(plan.nextTotalMonthlyUsd - plan.totalMonthlyUsd).toBeCloseTo(1916 - 266.24, 2);
  });

  it('warns when the next step passes the autoscaler max_nodes', () => {
    const inv = declaredInventory(traffic);
    inv.nodePools[1] = { ...inv.nodePools[1]!, count: 18 };
    const plan = planExpansion(inv, 'gomeet-cluster', undefined, loadPriceTable(), []);
    expect(plan.pools[1]).toMatchObject({ next: 23, utilizationPercent: null });
    expect(plan.pools[1]?.warning).toMatch(/^23 nodes is above the autoscaler's max_nodes 20/);
  });
});
