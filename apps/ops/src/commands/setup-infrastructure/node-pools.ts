import type { DigitalOceanApi, DoCluster, DoNodePool } from '../../cli/digitalocean.js';
import { EXIT, ExitError } from '../../cli/exit.js';

/** The DigitalOcean calls node-pool changes make (tests fake exactly these). */
export type NodePoolApi = Pick<DigitalOceanApi, 'listClusters' | 'updateNodePool'>;

/** A pool's scaling settings, before or after a change. */
export interface PoolScaling {
  count: number;
  autoScale: boolean;
  minNodes: number;
  maxNodes: number;
}

/** What happened to one pool: updated, already so, or (dry run) what would be sent. */
export interface PoolChange {
  cluster: string;
  pool: string;
  action: 'updated' | 'unchanged' | 'would-update';
  before: PoolScaling;
  after: PoolScaling;
}

/** Options of {@link enableNodePoolAutoscale}. */
export interface AutoscaleOptions {
  /** Cluster name (default gomeet-cluster). */
  cluster?: string;
  /** Pool names; default every pool of the cluster. */
  pools?: string[];
  min: number;
  max: number;
  dryRun?: boolean;
}

/** Options of {@link resizeNodePool}. */
export interface ResizeOptions {
  cluster?: string;
  pool: string;
  count: number;
  dryRun?: boolean;
}

const DEFAULT_CLUSTER = 'gomeet-cluster';
// DOKS tags every pool with these itself; sending them back in a PUT is refused or redundant.
const AUTO_TAG = /^(k8s|k8s-worker|k8s:.+)$/;

function scalingOf(p: DoNodePool): PoolScaling {
  return {
    count: p.count,
    autoScale: p.auto_scale === true,
    minNodes: p.min_nodes ?? 0,
    maxNodes: p.max_nodes ?? 0,
  };
}

async function findCluster(api: NodePoolApi, name: string): Promise<DoCluster> {
  const cluster = (await api.listClusters()).find((c) => c.name === name);
  if (!cluster)
    throw new ExitError(
      EXIT.USAGE,
      `no DOKS cluster named ${name}: create it with ./deployment/digitalocean/setup-infrastructure.sh`,
    );
  return cluster;
}

function poolsOf(cluster: DoCluster, names: string[] | undefined): DoNodePool[] {
  if (!names) return cluster.node_pools;
  return names.map((n) => {
    const pool = cluster.node_pools.find((p) => p.name === n);
    if (!pool)
      throw new ExitError(
        EXIT.USAGE,
        `cluster ${cluster.name} has no node pool ${n} (it has: ${cluster.node_pools.map((p) => p.name).join(', ') || 'none'})`,
      );
    return pool;
  });
}

/** The PUT body: a full update, so labels, taints and our own tags are sent back unchanged. */
function updateBody(p: DoNodePool, s: PoolScaling): DoNodePool {
  return {
    name: p.name,
    size: p.size,
    count: s.count,
    auto_scale: s.autoScale,
    min_nodes: s.minNodes,
    max_nodes: s.maxNodes,
    tags: (p.tags ?? []).filter((t) => !AUTO_TAG.test(t)),
    labels: p.labels ?? null,
    taints: p.taints ?? [],
  };
}

const same = (a: PoolScaling, b: PoolScaling) =>
  a.count === b.count &&
  a.autoScale === b.autoScale &&
  a.minNodes === b.minNodes &&
  a.maxNodes === b.maxNodes;

async function apply(
  api: NodePoolApi,
  cluster: DoCluster,
  pool: DoNodePool,
  after: PoolScaling,
  dryRun: boolean,
): Promise<PoolChange> {
  const before = scalingOf(pool);
  const base = { cluster: cluster.name, pool: pool.name, before, after };
  if (same(before, after)) return { ...base, action: 'unchanged' };
  if (dryRun) return { ...base, action: 'would-update' };
  if (!pool.id) throw new Error(`node pool ${pool.name} has no id in the API answer`);
  const updated = await api.updateNodePool(cluster.id, pool.id, updateBody(pool, after));
  return { ...base, after: scalingOf(updated), action: 'updated' };
}

/**
 * Turns on DOKS node-pool autoscaling (auto_scale, min_nodes, max_nodes) through the DigitalOcean
 * API for `pools` of `cluster`; the count is brought inside [min, max]. Pools already so are left
 * alone; with `dryRun` nothing is sent. Throws ExitError(2) for an unknown cluster/pool or bad bounds.
 */
export async function enableNodePoolAutoscale(
  api: NodePoolApi,
  options: AutoscaleOptions,
): Promise<PoolChange[]> {
  const { min, max } = options;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min)
    throw new ExitError(
      EXIT.USAGE,
      `autoscale needs whole numbers 1 <= min <= max, not ${min}-${max}`,
    );
  const cluster = await findCluster(api, options.cluster ?? DEFAULT_CLUSTER);
  const changes: PoolChange[] = [];
  for (const pool of poolsOf(cluster, options.pools)) {
    const count = Math.min(Math.max(pool.count, min), max);
    changes.push(
      await apply(
        api,
        cluster,
        pool,
        { count, autoScale: true, minNodes: min, maxNodes: max },
        options.dryRun === true,
      ),
    );
  }
  return changes;
}

/**
 * Sets a pool's node count. On an autoscaling pool the count must lie within its
 * [min_nodes, max_nodes] (the autoscaler would undo anything else): ExitError(2) otherwise.
 */
export async function resizeNodePool(
  api: NodePoolApi,
  options: ResizeOptions,
): Promise<PoolChange> {
  const { count } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new ExitError(
      EXIT.USAGE,
      `node count must be a whole number of at least 1, not ${count}`,
    );
  const cluster = await findCluster(api, options.cluster ?? DEFAULT_CLUSTER);
  const [pool] = poolsOf(cluster, [options.pool]);
  const before = scalingOf(pool!);
  if (before.autoScale && (count < before.minNodes || count > before.maxNodes))
    throw new ExitError(
      EXIT.USAGE,
      `node pool ${options.pool} autoscales between ${before.minNodes} and ${before.maxNodes}: ${count} is outside; change min/max with enableNodePoolAutoscale first`,
    );
  return apply(api, cluster, pool!, { ...before, count }, options.dryRun === true);
}
