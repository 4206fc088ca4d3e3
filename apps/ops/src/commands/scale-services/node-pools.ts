import type { DigitalOceanApi, DoCluster, DoNodePool } from '../../cli/digitalocean.js';
import { EXIT, ExitError } from '../../cli/exit.js';

/** The DigitalOcean calls scale-services makes (node-pool size and auto_scale). */
export type NodePoolApi = Pick<DigitalOceanApi, 'listClusters' | 'updateNodePool'>;

// DOKS tags every pool with these itself; a PUT sends back only our own tags.
const AUTO_TAG = /^(k8s|k8s-worker|k8s:.+)$/;

/** The DOKS cluster name (the runbook's `doctl … gomeet-cluster`); GOMEET_CLUSTER overrides. */
export const clusterName = (env: NodeJS.ProcessEnv): string =>
  env.GOMEET_CLUSTER || 'gomeet-cluster';

/** A wanted change of one node pool: a fixed count, autoscale bounds, or both. */
export interface PoolChange {
  pool: 'gomeet-general' | 'gomeet-media';
  count?: number;
  autoScale?: { min: number; max: number };
}

/** One pool as it was and as it is (or would be) after a {@link PoolChange}. */
export interface PoolResult {
  pool: string;
  before: { count: number; autoScale: boolean; min?: number; max?: number } | null;
  after: { count?: number; autoScale: boolean; min?: number; max?: number };
  applied: boolean;
}

function shape(p: DoNodePool): NonNullable<PoolResult['before']> {
  return {
    count: p.count,
    autoScale: p.auto_scale === true,
    ...(p.auto_scale ? { min: p.min_nodes ?? 0, max: p.max_nodes ?? 0 } : {}),
  };
}

/** The pool as it would be after `change` (bounds widened so a fixed count stays inside). */
export function nextPool(current: DoNodePool | undefined, change: PoolChange): PoolResult['after'] {
  if (change.autoScale) {
    const { min, max } = change.autoScale;
    // Unknown current size (no token): leave the count to the autoscaler.
    if (!current) return { autoScale: true, min, max };
    return { count: Math.min(Math.max(current.count, min), max), autoScale: true, min, max };
  }
  const count = change.count ?? current?.count ?? 0;
  if (current?.auto_scale) {
    // A pool that autoscales keeps doing so; its floor rises to the count asked for.
    const max = Math.max(current.max_nodes ?? count, count);
    return { count, autoScale: true, min: count, max };
  }
  return { count, autoScale: false };
}

async function findCluster(api: NodePoolApi, name: string): Promise<DoCluster> {
  const cluster = (await api.listClusters()).find((c) => c.name === name);
  if (!cluster)
    throw new ExitError(
      EXIT.FAILED,
      `no DOKS cluster named ${name} (set GOMEET_CLUSTER, or run setup-infrastructure.sh)`,
    );
  return cluster;
}

/**
 * Applies node-pool changes through the DigitalOcean API (a PUT replaces the whole pool, so it
 * sends back name, size, our tags, labels and taints unchanged). Without `api` (no token, or --dry-run) nothing is read or
 * changed and each result says what would be set.
 */
export async function applyPoolChanges(
  api: NodePoolApi | undefined,
  env: NodeJS.ProcessEnv,
  changes: PoolChange[],
): Promise<PoolResult[]> {
  if (!api)
    return changes.map((c) => ({
      pool: c.pool,
      before: null,
      after: nextPool(undefined, c),
      applied: false,
    }));
  const cluster = await findCluster(api, clusterName(env));
  const results: PoolResult[] = [];
  for (const change of changes) {
    const pool = cluster.node_pools.find((p) => p.name === change.pool);
    if (!pool?.id)
      throw new ExitError(
        EXIT.FAILED,
        `cluster ${cluster.name} has no node pool ${change.pool} (run setup-infrastructure.sh)`,
      );
    const after = nextPool(pool, change);
    await api.updateNodePool(cluster.id, pool.id, {
      name: pool.name,
      size: pool.size,
      count: after.count ?? pool.count,
      tags: (pool.tags ?? []).filter((t) => !AUTO_TAG.test(t)),
      labels: pool.labels ?? null,
      taints: pool.taints ?? [],
      auto_scale: after.autoScale,
      ...(after.autoScale ? { min_nodes: after.min ?? 0, max_nodes: after.max ?? 0 } : {}),
    });
    results.push({ pool: change.pool, before: shape(pool), after, applied: true });
  }
  return results;
}

/** One line per pool: "gomeet-media: 2 nodes → 50 nodes (autoscale 50–50)". */
export function describePool(r: PoolResult): string {
  const side = (s: PoolResult['after'] | PoolResult['before']) =>
    !s
      ? 'current size'
      : `${s.count === undefined ? 'autoscaled' : `${s.count} nodes`}${s.autoScale ? ` (autoscale ${s.min}–${s.max})` : ''}`;
  return `${r.pool}: ${side(r.before)} → ${side(r.after)}`;
}

/** The doctl line that makes the same change by hand. */
export function doctlFor(env: NodeJS.ProcessEnv, r: PoolResult): string {
  const a = r.after;
  const flags = a.autoScale
    ? `--auto-scale --min-nodes ${a.min} --max-nodes ${a.max}${a.count !== undefined ? ` --count ${a.count}` : ''}`
    : `--count ${a.count}`;
  return `doctl kubernetes cluster node-pool update ${clusterName(env)} ${r.pool} ${flags}`;
}
