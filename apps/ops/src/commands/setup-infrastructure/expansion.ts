import type { CoreV1Api } from '@kubernetes/client-node';
import { BUDGET, participantsPerNode } from '../../capacity/index.js';
import { parseQuantity } from '../../cli/quantity.js';
import { DECLARED, type Inventory, type PoolSpec } from '../cost-monitor/architecture.js';
import { priceInventory } from '../cost-monitor/inventory.js';
import type { PriceTable } from '../cost-monitor/prices.js';

/** The Kubernetes reads that measure a pool (tests fake exactly these). */
export type UsageApi = Pick<CoreV1Api, 'listNode' | 'listPodForAllNamespaces'>;

/** Requests against allocatable on one pool's nodes. */
export interface PoolUsage {
  nodes: number;
  cpuRequestedCores: number;
  cpuAllocatableCores: number;
  memoryRequestedGiB: number;
  memoryAllocatableGiB: number;
}

/** One pool's next step. */
export interface PoolExpansion {
  pool: string;
  size: string;
  count: number;
  maxNodes: number;
  usage: PoolUsage | null;
  /** Share of allocatable CPU or memory requested, whichever is higher (null without a cluster). */
  utilizationPercent: number | null;
  neededNow: number | null;
  next: number;
  currentMonthlyUsd: number;
  nextMonthlyUsd: number;
  /** Media pool only: participants its nodes carry today and at `next` (capacity model). */
  participants: { now: number; next: number; perNode: number } | null;
  warning: string | null;
}

/** The expansion plan of every pool of the cluster and the whole bill before and after. */
export interface ExpansionPlan {
  cluster: string;
  usageSource: 'kubernetes-api' | 'none';
  pools: PoolExpansion[];
  totalMonthlyUsd: number;
  nextTotalMonthlyUsd: number;
  notes: string[];
  assumptions: string[];
}

/** Requests may reach this share of allocatable before a pool needs another node. */
export const TARGET_UTILIZATION = BUDGET.targetUtilization;
/** The meeting shape the media pool's participant figures assume (cost-monitor plan's defaults). */
const SHAPE = { perMeeting: 500, downstreamMbps: 1.5 };
/** Monthly growth allowed for: the next step is at least this much more than today. */
export const GROWTH = 0.25;
const POOL_LABEL = 'doks.digitalocean.com/node-pool';
const GiB = 2 ** 30;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Sums pod requests and node allocatable per DOKS pool (label doks.digitalocean.com/node-pool). */
export async function readPoolUsage(core: UsageApi): Promise<Record<string, PoolUsage>> {
  const [nodes, pods] = await Promise.all([core.listNode(), core.listPodForAllNamespaces()]);
  const poolOfNode = new Map<string, string>();
  const usage: Record<string, PoolUsage> = {};
  for (const node of nodes.items) {
    const pool = node.metadata?.labels?.[POOL_LABEL];
    if (!pool || !node.metadata?.name) continue;
    poolOfNode.set(node.metadata.name, pool);
    const u = (usage[pool] ??= {
      nodes: 0,
      cpuRequestedCores: 0,
      cpuAllocatableCores: 0,
      memoryRequestedGiB: 0,
      memoryAllocatableGiB: 0,
    });
    u.nodes += 1;
    u.cpuAllocatableCores += parseQuantity(node.status?.allocatable?.cpu) || 0;
    u.memoryAllocatableGiB += (parseQuantity(node.status?.allocatable?.memory) || 0) / GiB;
  }
  for (const pod of pods.items) {
    const phase = pod.status?.phase;
    const pool = poolOfNode.get(pod.spec?.nodeName ?? '');
    if (!pool || phase === 'Succeeded' || phase === 'Failed') continue;
    for (const c of pod.spec?.containers ?? []) {
      usage[pool]!.cpuRequestedCores += parseQuantity(c.resources?.requests?.cpu) || 0;
      usage[pool]!.memoryRequestedGiB += (parseQuantity(c.resources?.requests?.memory) || 0) / GiB;
    }
  }
  for (const u of Object.values(usage)) {
    u.cpuRequestedCores = round(u.cpuRequestedCores);
    u.cpuAllocatableCores = round(u.cpuAllocatableCores);
    u.memoryRequestedGiB = round(u.memoryRequestedGiB);
    u.memoryAllocatableGiB = round(u.memoryAllocatableGiB);
  }
  return usage;
}

function nextFor(pool: PoolSpec, usage: PoolUsage | undefined) {
  const grown = pool.count + Math.max(1, Math.ceil(pool.count * GROWTH));
  if (!usage || usage.cpuAllocatableCores === 0)
    return { utilization: null, neededNow: null, next: grown };
  const utilization = Math.max(
    usage.cpuRequestedCores / usage.cpuAllocatableCores,
    usage.memoryAllocatableGiB ? usage.memoryRequestedGiB / usage.memoryAllocatableGiB : 0,
  );
  // Requests scale with the pool's node count as measured (usage.nodes may differ from count mid-scale).
  const neededNow = Math.max(1, Math.ceil((usage.nodes * utilization) / TARGET_UTILIZATION));
  return { utilization, neededNow, next: Math.max(grown, neededNow) };
}

function mediaParticipants(pool: PoolSpec, next: number, prices: PriceTable) {
  const size = prices.droplets[pool.size];
  if (pool.name !== DECLARED.pools.media.name || !size) return null;
  const perNode = participantsPerNode(size, SHAPE).participants;
  return { now: perNode * pool.count, next: perNode * next, perNode };
}

/** Next node-pool sizes of `cluster` and their monthly cost, with cost-monitor's price model. */
export function planExpansion(
  inventory: Inventory,
  cluster: string,
  usage: Record<string, PoolUsage> | undefined,
  prices: PriceTable,
  notes: string[],
): ExpansionPlan {
  const mine = inventory.nodePools.filter((p) => p.cluster === cluster);
  const steps = mine.map((p) => ({ pool: p, ...nextFor(p, usage?.[p.name]) }));
  const nextInventory: Inventory = {
    ...inventory,
    nodePools: inventory.nodePools.map((p) => {
      const step = steps.find((s) => s.pool === p);
      return step ? { ...p, count: step.next, maxNodes: Math.max(p.maxNodes, step.next) } : p;
    }),
  };
  const now = priceInventory(inventory, prices);
  const next = priceInventory(nextInventory, prices);
  const poolCost = (e: typeof now, name: string) =>
    e.lines.find((l) => l.item.startsWith(`Kubernetes nodes ${name} `))?.monthlyUsd ?? 0;
  return {
    cluster,
    usageSource: usage ? 'kubernetes-api' : 'none',
    pools: steps.map(({ pool, utilization, neededNow, next: n }) => ({
      pool: pool.name,
      size: pool.size,
      count: pool.count,
      maxNodes: pool.maxNodes,
      usage: usage?.[pool.name] ?? null,
      utilizationPercent: utilization === null ? null : Math.round(utilization * 100),
      neededNow,
      next: n,
      currentMonthlyUsd: poolCost(now, pool.name),
      nextMonthlyUsd: poolCost(next, pool.name),
      participants: mediaParticipants(pool, n, prices),
      warning:
        n > pool.maxNodes
          ? `${n} nodes is above the autoscaler's max_nodes ${pool.maxNodes}: raise it (scale-services.sh enable-cluster-autoscaler) before the pool needs it`
          : null,
    })),
    totalMonthlyUsd: now.totalMonthlyUsd,
    nextTotalMonthlyUsd: next.totalMonthlyUsd,
    notes: [...inventory.notes, ...notes],
    assumptions: [
      `next = the larger of ${GROWTH * 100}% growth (at least one node) and the nodes today's requests need at ${TARGET_UTILIZATION * 100}% of allocatable`,
      `media pool participants: one LiveKit node per media node, ${SHAPE.downstreamMbps} Mbps down each, from the capacity model (apps/ops/src/capacity, docs/CAPACITY.md)`,
      'totals are the whole account priced by cost-monitor (egress included); only the node counts change',
      ...next.assumptions.filter((a) => a.startsWith('prices from')),
    ],
  };
}
