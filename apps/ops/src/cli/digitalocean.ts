import type { DropletPrice } from '../commands/cost-monitor/prices.js';
import type {
  DoCluster,
  DoClusterCreate,
  DoDatabase,
  DoDatabaseCreate,
  DoDatabaseRule,
  DoFirewall,
  DoLoadBalancer,
  DoNodePool,
  DoRegistry,
  DoVolume,
  DoVpc,
} from './digitalocean-types.js';
import { EXIT, ExitError } from './exit.js';

export type * from './digitalocean-types.js';

/** The DigitalOcean API base; DIGITALOCEAN_API_URL overrides it (tests point it at a loopback replay). */
export const DO_API = 'https://api.digitalocean.com';

/** The API base for this environment: DIGITALOCEAN_API_URL, else {@link DO_API}. */
export function digitalOceanBaseUrl(env: NodeJS.ProcessEnv): string {
  return (env.DIGITALOCEAN_API_URL || DO_API).replace(/\/+$/, '');
}

/** One entry of the billing history (invoices are positive, payments and credits negative). */
export interface BillingItem {
  date: string;
  description: string;
  amountUsd: number;
  type: string;
}

/**
 * The DigitalOcean API calls gomeet-ops makes. Commands narrow it with `Pick<…>` so a test
 * fakes exactly the calls a command uses.
 */
export interface DigitalOceanApi {
  sizes(): Promise<Record<string, Omit<DropletPrice, 'networkGbps' | 'source'>>>;
  balance(): Promise<{ monthToDateUsageUsd: number; generatedAt: string }>;
  billingHistory(since: Date): Promise<BillingItem[]>;
  listVpcs(): Promise<DoVpc[]>;
  createVpc(body: {
    name: string;
    region: string;
    ip_range: string;
    description?: string;
  }): Promise<DoVpc>;
  listClusters(): Promise<DoCluster[]>;
  getCluster(id: string): Promise<DoCluster>;
  createCluster(body: DoClusterCreate): Promise<DoCluster>;
  createNodePool(clusterId: string, pool: DoNodePool): Promise<DoNodePool>;
  /** PUT is a full update: send name, count and every field to keep (labels, taints, auto_scale…). */
  updateNodePool(clusterId: string, poolId: string, pool: DoNodePool): Promise<DoNodePool>;
  addRegistryToClusters(clusterIds: string[]): Promise<void>;
  listDatabases(): Promise<DoDatabase[]>;
  getDatabase(id: string): Promise<DoDatabase>;
  createDatabase(body: DoDatabaseCreate): Promise<DoDatabase>;
  getDatabaseFirewall(id: string): Promise<DoDatabaseRule[]>;
  putDatabaseFirewall(id: string, rules: DoDatabaseRule[]): Promise<void>;
  listFirewalls(): Promise<DoFirewall[]>;
  createFirewall(body: DoFirewall): Promise<DoFirewall>;
  listRegistries(): Promise<DoRegistry[]>;
  createRegistry(body: {
    name: string;
    subscription_tier_slug: string;
    region: string;
  }): Promise<DoRegistry>;
  listLoadBalancers(): Promise<DoLoadBalancer[]>;
  listVolumes(): Promise<DoVolume[]>;
}

interface Page {
  links?: { pages?: { next?: string } };
}

/** The transport under {@link DigitalOceanApi}: JSON over an injected fetch, token kept out of errors. */
function transport(fetchFn: typeof fetch, token: string, base: string) {
  return async <T>(method: string, pathOrUrl: string, body?: unknown): Promise<T> => {
    // A `links.pages.next` URL names api.digitalocean.com; keep following it on our base.
    const url = pathOrUrl.startsWith('http')
      ? `${base}${new URL(pathOrUrl).pathname}${new URL(pathOrUrl).search}`
      : `${base}${pathOrUrl}`;
    let response: Response;
    try {
      response = await fetchFn(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new ExitError(
        EXIT.UNREACHABLE,
        `DigitalOcean API unreachable: ${(error as Error).message}`,
      );
    }
    const path = new URL(url).pathname;
    if (response.status === 401 || response.status === 403) {
      throw new ExitError(
        EXIT.UNREACHABLE,
        `DigitalOcean API refused DIGITALOCEAN_TOKEN (HTTP ${response.status}): check the token and its scopes`,
      );
    }
    if (!response.ok) {
      // DO's error body is { id, message }; it never echoes the token.
      const detail = ((await response.json().catch(() => ({}))) as { message?: string }).message;
      throw new ExitError(
        response.status >= 500 ? EXIT.UNREACHABLE : EXIT.FAILED,
        `DigitalOcean API answered HTTP ${response.status} for ${method} ${path}${detail ? `: ${detail}` : ''}`,
      );
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  };
}

/** Creates the client at `baseUrl`; errors are ExitError(3) unreachable/refused, (1) rejected. */
export function digitalOceanApi(
  fetchFn: typeof fetch,
  token: string,
  baseUrl: string = DO_API,
): DigitalOceanApi {
  const call = transport(fetchFn, token, baseUrl.replace(/\/+$/, ''));
  const get = <T>(path: string) => call<T>('GET', path);
  async function all<T>(path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    for (let next: string | undefined = path; next;) {
      const page: Page & Record<string, unknown> = await get<Page & Record<string, unknown>>(next);
      items.push(...((page[key] as T[] | undefined) ?? []));
      next = page.links?.pages?.next;
    }
    return items;
  }
  const one = async <T>(method: string, path: string, key: string, body?: unknown) =>
    (await call<Record<string, T>>(method, path, body))[key] as T;
  return {
    async sizes() {
      const sizes = await all<{
        slug: string;
        vcpus: number;
        memory: number;
        transfer: number;
        price_monthly: number;
        price_hourly: number;
      }>('/v2/sizes?per_page=200', 'sizes');
      return Object.fromEntries(
        sizes.map((s) => [
          s.slug,
          {
            vcpus: s.vcpus,
            memoryGiB: s.memory / 1024,
            priceMonthly: s.price_monthly,
            priceHourly: s.price_hourly,
            transferTiB: s.transfer,
          },
        ]),
      );
    },
    async balance() {
      const b = await get<{ month_to_date_usage: string; generated_at: string }>(
        '/v2/customers/my/balance',
      );
      return { monthToDateUsageUsd: Number(b.month_to_date_usage), generatedAt: b.generated_at };
    },
    async billingHistory(since) {
      const items = await all<{ date: string; description: string; amount: string; type: string }>(
        '/v2/customers/my/billing_history?per_page=200',
        'billing_history',
      );
      return items
        .filter((i) => Date.parse(i.date) >= since.getTime())
        .map((i) => ({
          date: i.date,
          description: i.description,
          amountUsd: Number(i.amount),
          type: i.type,
        }));
    },
    listVpcs: () => all<DoVpc>('/v2/vpcs?per_page=200', 'vpcs'),
    createVpc: (body) => one<DoVpc>('POST', '/v2/vpcs', 'vpc', body),
    listClusters: () =>
      all<DoCluster>('/v2/kubernetes/clusters?per_page=200', 'kubernetes_clusters'),
    getCluster: (id) =>
      one<DoCluster>('GET', `/v2/kubernetes/clusters/${id}`, 'kubernetes_cluster'),
    createCluster: (body) =>
      one<DoCluster>('POST', '/v2/kubernetes/clusters', 'kubernetes_cluster', body),
    createNodePool: (clusterId, pool) =>
      one<DoNodePool>('POST', `/v2/kubernetes/clusters/${clusterId}/node_pools`, 'node_pool', pool),
    updateNodePool: (clusterId, poolId, pool) =>
      one<DoNodePool>(
        'PUT',
        `/v2/kubernetes/clusters/${clusterId}/node_pools/${poolId}`,
        'node_pool',
        pool,
      ),
    addRegistryToClusters: (clusterIds) =>
      call<void>('POST', '/v2/kubernetes/registry', { cluster_uuids: clusterIds }),
    listDatabases: () => all<DoDatabase>('/v2/databases?per_page=200', 'databases'),
    getDatabase: (id) => one<DoDatabase>('GET', `/v2/databases/${id}`, 'database'),
    createDatabase: (body) => one<DoDatabase>('POST', '/v2/databases', 'database', body),
    getDatabaseFirewall: (id) =>
      one<DoDatabaseRule[]>('GET', `/v2/databases/${id}/firewall`, 'rules'),
    putDatabaseFirewall: (id, rules) =>
      call<void>('PUT', `/v2/databases/${id}/firewall`, { rules }),
    listFirewalls: () => all<DoFirewall>('/v2/firewalls?per_page=200', 'firewalls'),
    createFirewall: (body) => one<DoFirewall>('POST', '/v2/firewalls', 'firewall', body),
    listRegistries: () => all<DoRegistry>('/v2/registries', 'registries'),
    createRegistry: (body) => one<DoRegistry>('POST', '/v2/registries', 'registry', body),
    listLoadBalancers: () =>
      all<DoLoadBalancer>('/v2/load_balancers?per_page=200', 'load_balancers'),
    listVolumes: () => all<DoVolume>('/v2/volumes?per_page=200', 'volumes'),
  };
}
