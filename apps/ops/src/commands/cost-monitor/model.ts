import type { DropletPrice, PriceTable } from './prices.js';

/** How many people watch how much video for how long. */
export interface Traffic {
  participants: number;
  downstreamMbps: number;
  hoursPerDay: number;
  daysPerMonth: number;
}

/** What is deployed: the inputs of the estimate, all printed as assumptions. */
export interface Architecture {
  nodePool: { size: string; count: number; minCount: number; maxCount: number };
  haControlPlane: boolean;
  postgres: { plan: string; nodes: number };
  redis: { plan: string; nodes: number };
  loadBalancerNodes: number;
  registryTier: string;
  spaces: { storageGiB: number; transferGiB: number };
  volumesGiB: number;
  traffic: Traffic;
}

/** One priced line of an estimate. */
export interface CostLine {
  item: string;
  category: 'compute' | 'database' | 'network' | 'storage' | 'registry' | 'egress';
  quantity: number;
  unit: string;
  unitPriceUsd: number;
  monthlyUsd: number;
  priceSource: 'digitalocean-api' | 'price-table';
}

/** Egress: what the participants download, what the droplets' pooled allowance covers, what is billed. */
export interface EgressEstimate {
  totalGiB: number;
  allowanceGiB: number;
  billableGiB: number;
  monthlyUsd: number;
}

/** A priced architecture. */
export interface Estimate {
  lines: CostLine[];
  infrastructureMonthlyUsd: number;
  totalMonthlyUsd: number;
  egress: EgressEstimate;
  assumptions: string[];
}

/** The runbook's architecture ("Architecture Components") at its target of 50,000 participants. */
export function runbookArchitecture(traffic: Partial<Traffic> = {}): Architecture {
  return {
    nodePool: { size: 'c-32', count: 6, minCount: 3, maxCount: 20 },
    haControlPlane: true,
    postgres: { plan: 'db-s-16vcpu-64gb', nodes: 3 },
    redis: { plan: 'db-s-8vcpu-32gb', nodes: 3 },
    loadBalancerNodes: 1,
    registryTier: 'professional',
    spaces: { storageGiB: 250, transferGiB: 1024 },
    volumesGiB: 500,
    traffic: {
      participants: 50_000,
      downstreamMbps: 1.5,
      hoursPerDay: 8,
      daysPerMonth: 30,
      ...traffic,
    },
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** GiB downloaded per month by `traffic`: participants × Mbps × seconds, in bytes, over 2^30. */
export function egressGiB(t: Traffic): number {
  return (
    (t.participants * t.downstreamMbps * 1e6 * 3600 * t.hoursPerDay * t.daysPerMonth) / 8 / 2 ** 30
  );
}

/** Egress billed after the pooled transfer allowance of `nodes` droplets of `droplet`. */
export function estimateEgress(
  t: Traffic,
  droplet: DropletPrice,
  nodes: number,
  pricePerGiB: number,
): EgressEstimate {
  return egressAfterAllowance(t, nodes * droplet.transferTiB * 1024, pricePerGiB);
}

/** Egress billed after a pooled transfer allowance of `allowanceGiB` (all droplets of the account). */
export function egressAfterAllowance(
  t: Traffic,
  allowanceGiB: number,
  pricePerGiB: number,
): EgressEstimate {
  const totalGiB = egressGiB(t);
  const billableGiB = Math.round(Math.max(0, totalGiB - allowanceGiB));
  return {
    totalGiB: Math.round(totalGiB),
    allowanceGiB: Math.round(allowanceGiB),
    billableGiB,
    monthlyUsd: round2(billableGiB * pricePerGiB),
  };
}

/** The entry `key` of a price map; throws naming `what` when the table lacks it. */
export function need<T>(map: Record<string, T>, key: string, what: string): T {
  const found = map[key];
  if (found === undefined) throw new Error(`no price for ${what} "${key}" in the price table`);
  return found;
}

/** One priced line: quantity × unit price, rounded to cents. */
export function line(
  item: string,
  category: CostLine['category'],
  quantity: number,
  unit: string,
  unitPriceUsd: number,
  priceSource: CostLine['priceSource'] = 'price-table',
): CostLine {
  return {
    item,
    category,
    quantity,
    unit,
    unitPriceUsd,
    monthlyUsd: round2(quantity * unitPriceUsd),
    priceSource,
  };
}

/** Prices `arch` line by line; egress is its own line since it dominates for video. */
export function estimateCost(arch: Architecture, prices: PriceTable): Estimate {
  const droplet = need(prices.droplets, arch.nodePool.size, 'droplet size');
  const pg = need(prices.managedDatabaseNodes, arch.postgres.plan, 'database plan');
  const redis = need(prices.managedDatabaseNodes, arch.redis.plan, 'database plan');
  const extraSpaces =
    Math.max(0, arch.spaces.storageGiB - prices.spaces.includedStorageGiB) *
      prices.spaces.storagePerGiB +
    Math.max(0, arch.spaces.transferGiB - prices.spaces.includedTransferGiB) *
      prices.spaces.transferPerGiB;
  const lines = [
    line(
      `Kubernetes nodes ${arch.nodePool.size} (${droplet.vcpus} vCPU, ${droplet.memoryGiB} GiB)`,
      'compute',
      arch.nodePool.count,
      'node-month',
      droplet.priceMonthly,
      droplet.source,
    ),
    ...(arch.haControlPlane
      ? [
          line(
            'Kubernetes HA control plane',
            'compute',
            1,
            'cluster-month',
            prices.kubernetesHaControlPlaneMonthly,
          ),
        ]
      : []),
    line(
      `Managed PostgreSQL ${arch.postgres.plan}`,
      'database',
      arch.postgres.nodes,
      'node-month',
      pg.priceMonthly,
    ),
    line(
      `Managed Redis ${arch.redis.plan}`,
      'database',
      arch.redis.nodes,
      'node-month',
      redis.priceMonthly,
    ),
    line(
      'Load balancer',
      'network',
      arch.loadBalancerNodes,
      'node-month',
      prices.loadBalancerNodeMonthly,
    ),
    line(
      `Container registry (${arch.registryTier})`,
      'registry',
      1,
      'month',
      need(prices.registry, arch.registryTier, 'registry tier'),
    ),
    line(
      `Spaces (${arch.spaces.storageGiB} GiB stored, ${arch.spaces.transferGiB} GiB out)`,
      'storage',
      1,
      'month',
      round2(prices.spaces.subscriptionMonthly + extraSpaces),
    ),
    line(
      'Block storage volumes',
      'storage',
      arch.volumesGiB,
      'GiB-month',
      prices.volumePerGiBMonthly,
    ),
  ];
  const infrastructureMonthlyUsd = round2(lines.reduce((s, l) => s + l.monthlyUsd, 0));
  const egress = estimateEgress(arch.traffic, droplet, arch.nodePool.count, prices.egressPerGiB);
  lines.push(
    line(
      'Egress beyond the pooled droplet allowance',
      'egress',
      egress.billableGiB,
      'GiB',
      prices.egressPerGiB,
    ),
  );
  return {
    lines,
    infrastructureMonthlyUsd,
    totalMonthlyUsd: round2(infrastructureMonthlyUsd + egress.monthlyUsd),
    egress,
    assumptions: assumptionsOf(arch, droplet, prices),
  };
}

function assumptionsOf(arch: Architecture, droplet: DropletPrice, prices: PriceTable): string[] {
  const t = arch.traffic;
  return [
    `${arch.nodePool.count} × ${arch.nodePool.size} nodes running all month (autoscaling ${arch.nodePool.minCount}-${arch.nodePool.maxCount}); droplet prices from ${droplet.source === 'digitalocean-api' ? 'the DigitalOcean API' : 'the price table'}`,
    `managed PostgreSQL ${arch.postgres.plan} × ${arch.postgres.nodes} nodes (primary + standbys) and Redis ${arch.redis.plan} × ${arch.redis.nodes}, each node at its plan price`,
    `${arch.loadBalancerNodes} load-balancer node(s), registry ${arch.registryTier}, Spaces ${arch.spaces.storageGiB} GiB, ${arch.volumesGiB} GiB of volumes`,
    `egress: ${t.participants} participants × ${t.downstreamMbps} Mbps down × ${t.hoursPerDay} h/day × ${t.daysPerMonth} days, minus ${droplet.transferTiB} TiB of transfer per node pooled, at $${prices.egressPerGiB}/GiB`,
    `prices from ${prices.source}, entered ${prices.enteredOn}, ${prices.verified ? `checked ${prices.checkedOn}` : 'NOT yet re-checked at the source'}`,
  ];
}
