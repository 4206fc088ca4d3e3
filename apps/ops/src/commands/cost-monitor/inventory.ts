import type { DigitalOceanApi } from '../../cli/digitalocean.js';
import { DECLARED, type Inventory } from './architecture.js';
import {
  egressAfterAllowance,
  line,
  need,
  type CostLine,
  type Estimate,
  type Traffic,
} from './model.js';
import type { PriceTable } from './prices.js';

/** The read-only calls that take the account's inventory (tests replay exactly these). */
export type InventoryApi = Pick<
  DigitalOceanApi,
  'listClusters' | 'listDatabases' | 'listLoadBalancers' | 'listVolumes' | 'listRegistries'
>;

/** Reads what the account runs: clusters and node pools, databases, load balancers, volumes, registry. */
export async function readInventory(api: InventoryApi, traffic: Traffic): Promise<Inventory> {
  const [clusters, databases, loadBalancers, volumes, registries] = await Promise.all([
    api.listClusters(),
    api.listDatabases(),
    api.listLoadBalancers(),
    api.listVolumes(),
    api.listRegistries(),
  ]);
  const registry = registries[0];
  const tier = registry?.subscription?.tier?.slug;
  return {
    source: 'digitalocean-api',
    nodePools: clusters.flatMap((c) =>
      c.node_pools.map((p) => ({
        cluster: c.name,
        name: p.name,
        size: p.size,
        count: p.count,
        autoScale: p.auto_scale === true,
        minNodes: p.min_nodes ?? p.count,
        maxNodes: p.max_nodes ?? p.count,
      })),
    ),
    haControlPlanes: clusters.filter((c) => c.ha === true).length,
    databases: databases.map((d) => ({
      name: d.name,
      engine: d.engine,
      size: d.size,
      nodes: d.num_nodes,
    })),
    loadBalancers: loadBalancers.map((l) => ({ name: l.name, nodes: l.size_unit ?? 1 })),
    registryTier: registry ? (tier ?? DECLARED.registry.tier) : null,
    // The DigitalOcean API does not list Spaces buckets (that is the S3 API, with Spaces keys).
    spaces: { storageGiB: DECLARED.spaces.storageGiB, transferGiB: DECLARED.spaces.transferGiB },
    volumesGiB: volumes.reduce((s, v) => s + v.size_gigabytes, 0),
    traffic,
    notes: [
      `read from the DigitalOcean API: ${clusters.length} cluster(s), ${databases.length} database(s), ${loadBalancers.length} load balancer(s), ${volumes.length} volume(s), ${registries.length} registry`,
      `Spaces: the DigitalOcean API does not list buckets; assumed the declared ${DECLARED.spaces.storageGiB} GiB stored, ${DECLARED.spaces.transferGiB} GiB out`,
      ...(registry && !tier
        ? [`registry tier not in the API answer; assumed ${DECLARED.registry.tier}`]
        : []),
    ],
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Prices an inventory line by line with cost-monitor's price table; egress from the capacity model. */
export function priceInventory(inv: Inventory, prices: PriceTable): Estimate {
  const lines: CostLine[] = [];
  let allowanceGiB = 0;
  for (const p of inv.nodePools) {
    const d = need(prices.droplets, p.size, 'droplet size');
    allowanceGiB += p.count * d.transferTiB * 1024;
    lines.push(
      line(
        `Kubernetes nodes ${p.name} ${p.size} (${d.vcpus} vCPU, ${d.memoryGiB} GiB)`,
        'compute',
        p.count,
        'node-month',
        d.priceMonthly,
        d.source,
      ),
    );
  }
  if (inv.haControlPlanes)
    lines.push(
      line(
        'Kubernetes HA control plane',
        'compute',
        inv.haControlPlanes,
        'cluster-month',
        prices.kubernetesHaControlPlaneMonthly,
      ),
    );
  for (const db of inv.databases) {
    const plan = need(prices.managedDatabaseNodes, db.size, 'database plan');
    lines.push(
      line(
        `Managed ${db.engine} ${db.name} ${db.size}`,
        'database',
        db.nodes,
        'node-month',
        plan.priceMonthly,
      ),
    );
  }
  const lbNodes = inv.loadBalancers.reduce((s, l) => s + l.nodes, 0);
  if (lbNodes)
    lines.push(
      line('Load balancer', 'network', lbNodes, 'node-month', prices.loadBalancerNodeMonthly),
    );
  if (inv.registryTier)
    lines.push(
      line(
        `Container registry (${inv.registryTier})`,
        'registry',
        1,
        'month',
        need(prices.registry, inv.registryTier, 'registry tier'),
      ),
    );
  if (inv.spaces) {
    const s = prices.spaces;
    const extra =
      Math.max(0, inv.spaces.storageGiB - s.includedStorageGiB) * s.storagePerGiB +
      Math.max(0, inv.spaces.transferGiB - s.includedTransferGiB) * s.transferPerGiB;
    lines.push(
      line(
        `Spaces (${inv.spaces.storageGiB} GiB stored, ${inv.spaces.transferGiB} GiB out)`,
        'storage',
        1,
        'month',
        round2(s.subscriptionMonthly + extra),
      ),
    );
  }
  if (inv.volumesGiB)
    lines.push(
      line(
        'Block storage volumes',
        'storage',
        inv.volumesGiB,
        'GiB-month',
        prices.volumePerGiBMonthly,
      ),
    );
  const infrastructureMonthlyUsd = round2(lines.reduce((s, l) => s + l.monthlyUsd, 0));
  const egress = egressAfterAllowance(inv.traffic, allowanceGiB, prices.egressPerGiB);
  lines.push(
    line(
      'Egress beyond the pooled droplet allowance',
      'egress',
      egress.billableGiB,
      'GiB',
      prices.egressPerGiB,
    ),
  );
  const t = inv.traffic;
  return {
    lines,
    infrastructureMonthlyUsd,
    totalMonthlyUsd: round2(infrastructureMonthlyUsd + egress.monthlyUsd),
    egress,
    assumptions: [
      ...inv.notes,
      `node pools at their current count all month (${inv.nodePools.map((p) => `${p.name} ${p.count} × ${p.size}${p.autoScale ? `, autoscaling ${p.minNodes}-${p.maxNodes}` : ''}`).join('; ') || 'none'})`,
      `egress from the capacity model: ${t.participants} participants × ${t.downstreamMbps} Mbps down × ${t.hoursPerDay} h/day × ${t.daysPerMonth} days, minus the pooled transfer of all nodes (${egress.allowanceGiB.toLocaleString('en-US')} GiB), at $${prices.egressPerGiB}/GiB`,
      `prices from ${prices.source}, entered ${prices.enteredOn}, ${prices.verified ? `checked ${prices.checkedOn}` : 'NOT yet re-checked at the source'}`,
    ],
  };
}
