import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One droplet size: what it has, what it costs, what transfer it brings to the pool. */
export interface DropletPrice {
  vcpus: number;
  memoryGiB: number;
  priceMonthly: number;
  priceHourly: number;
  transferTiB: number;
  networkGbps: number;
  /** Where the price came from. */
  source?: 'digitalocean-api' | 'price-table';
}

/** deployment/pricing/digitalocean-prices.json. */
export interface PriceTable {
  source: string;
  enteredOn: string;
  checkedOn: string | null;
  verified: boolean;
  notice: string;
  droplets: Record<string, DropletPrice>;
  managedDatabaseNodes: Record<string, { vcpus: number; memoryGiB: number; priceMonthly: number }>;
  kubernetesHaControlPlaneMonthly: number;
  loadBalancerNodeMonthly: number;
  registry: Record<string, number>;
  spaces: {
    subscriptionMonthly: number;
    includedStorageGiB: number;
    includedTransferGiB: number;
    storagePerGiB: number;
    transferPerGiB: number;
  };
  volumePerGiBMonthly: number;
  egressPerGiB: number;
}

/** The repo's price table; src and dist sit at the same depth, so one relative path serves both. */
export const DEFAULT_PRICE_FILE = fileURLToPath(
  new URL('../../../../../deployment/pricing/digitalocean-prices.json', import.meta.url),
);

/** Reads a price table, marking each droplet price as coming from the table. */
export function loadPriceTable(file = DEFAULT_PRICE_FILE): PriceTable {
  const table = JSON.parse(readFileSync(file, 'utf8')) as PriceTable;
  for (const d of Object.values(table.droplets)) d.source = 'price-table';
  return table;
}

/** The table with droplet prices replaced by the API's where it has them (network caps stay from the table). */
export function withApiDroplets(
  table: PriceTable,
  api: Record<
    string,
    Pick<DropletPrice, 'vcpus' | 'memoryGiB' | 'priceMonthly' | 'priceHourly' | 'transferTiB'>
  >,
): PriceTable {
  const droplets = { ...table.droplets };
  for (const [slug, p] of Object.entries(api)) {
    const known = table.droplets[slug];
    const networkGbps =
      known?.networkGbps ?? (slug.endsWith('-intel') || slug.endsWith('-amd') ? 10 : 2);
    droplets[slug] = { ...p, networkGbps, source: 'digitalocean-api' };
  }
  return { ...table, droplets };
}
