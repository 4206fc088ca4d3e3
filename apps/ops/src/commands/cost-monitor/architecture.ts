import type { Traffic } from './model.js';

/** One DOKS node pool as declared or as found. */
export interface PoolSpec {
  cluster: string;
  name: string;
  size: string;
  count: number;
  autoScale: boolean;
  minNodes: number;
  maxNodes: number;
}

/** What runs (read from the API) or what we declare to run: the input of a priced inventory. */
export interface Inventory {
  source: 'digitalocean-api' | 'declared-architecture';
  nodePools: PoolSpec[];
  /** Clusters with the HA control plane (billed per cluster). */
  haControlPlanes: number;
  databases: { name: string; engine: string; size: string; nodes: number }[];
  loadBalancers: { name: string; nodes: number }[];
  registryTier: string | null;
  spaces: { storageGiB: number; transferGiB: number } | null;
  volumesGiB: number;
  traffic: Traffic;
  /** What was assumed rather than read, printed with the estimate. */
  notes: string[];
}

/**
 * GoMeet's declared production architecture: what setup-infrastructure creates and what
 * cost-monitor prices without a token. Keep the pools in step with the node pools that
 * deployment/k8s/overlays/production schedules onto (gomeet-general for our services and
 * Traefik, gomeet-media for LiveKit and coturn); a change here changes both commands.
 */
export const DECLARED = {
  cluster: 'gomeet-cluster',
  pools: {
    general: {
      name: 'gomeet-general',
      size: 'c-8',
      count: 3,
      minNodes: 3,
      maxNodes: 20,
      labels: { 'gomeet.io/pool': 'general' },
    },
    // Premium (10 Gbps) CPU droplets: the SFU is bound by network before CPU (cost-monitor plan).
    media: {
      name: 'gomeet-media',
      size: 'c-32-intel',
      count: 6,
      minNodes: 3,
      maxNodes: 20,
      labels: { 'gomeet.io/pool': 'media' },
      taint: { key: 'gomeet.io/media', value: 'true', effect: 'NoSchedule' as const },
    },
  },
  haControlPlane: true,
  postgres: { name: 'gomeet-db', engine: 'pg' as const, size: 'db-s-16vcpu-64gb', nodes: 3 },
  redis: { name: 'gomeet-redis', engine: 'valkey' as const, size: 'db-s-8vcpu-32gb', nodes: 3 },
  // traefik-gateway.yaml: do-loadbalancer-name gomeet-lb, do-loadbalancer-size-unit 2.
  loadBalancer: { name: 'gomeet-lb', nodes: 2 },
  registry: { name: 'gomeet', tier: 'professional' },
  spaces: { bucket: 'gomeet-backups', storageGiB: 250, transferGiB: 1024 },
  volumesGiB: 500,
};

/** The declared architecture as an inventory, for pricing without DIGITALOCEAN_TOKEN. */
export function declaredInventory(traffic: Traffic): Inventory {
  const pools = [DECLARED.pools.general, DECLARED.pools.media];
  return {
    source: 'declared-architecture',
    nodePools: pools.map((p) => ({
      cluster: DECLARED.cluster,
      name: p.name,
      size: p.size,
      count: p.count,
      autoScale: true,
      minNodes: p.minNodes,
      maxNodes: p.maxNodes,
    })),
    haControlPlanes: DECLARED.haControlPlane ? 1 : 0,
    databases: [DECLARED.postgres, DECLARED.redis].map(({ name, engine, size, nodes }) => ({
      name,
      engine,
      size,
      nodes,
    })),
    loadBalancers: [{ ...DECLARED.loadBalancer }],
    registryTier: DECLARED.registry.tier,
    spaces: { storageGiB: DECLARED.spaces.storageGiB, transferGiB: DECLARED.spaces.transferGiB },
    volumesGiB: DECLARED.volumesGiB,
    traffic,
    notes: [
      'DIGITALOCEAN_TOKEN not set: priced the declared architecture (apps/ops/src/commands/cost-monitor/architecture.ts), not the account',
    ],
  };
}
