import { EXIT, ExitError } from '../../cli/exit.js';
import type { DropletPrice } from './prices.js';

/** The DigitalOcean API base; tests replay recordings through an injected fetch instead. */
export const DO_API = 'https://api.digitalocean.com';

/** A minimal DigitalOcean API client over an injected fetch, with the token kept out of errors. */
export interface DigitalOceanApi {
  sizes(): Promise<Record<string, Omit<DropletPrice, 'networkGbps' | 'source'>>>;
  balance(): Promise<{ monthToDateUsageUsd: number; generatedAt: string }>;
  billingHistory(since: Date): Promise<BillingItem[]>;
}

/** One entry of the billing history (invoices are positive, payments and credits negative). */
export interface BillingItem {
  date: string;
  description: string;
  amountUsd: number;
  type: string;
}

interface Page {
  links?: { pages?: { next?: string } };
}

/** Creates the client; every call throws ExitError(3) when the API cannot be reached or refuses the token. */
export function digitalOceanApi(fetchFn: typeof fetch, token: string): DigitalOceanApi {
  const get = async <T>(pathOrUrl: string): Promise<T> => {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${DO_API}${pathOrUrl}`;
    let response: Response;
    try {
      response = await fetchFn(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new ExitError(
        EXIT.UNREACHABLE,
        `DigitalOcean API unreachable: ${(error as Error).message}`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new ExitError(
        EXIT.UNREACHABLE,
        `DigitalOcean API refused DIGITALOCEAN_TOKEN (HTTP ${response.status}): check the token and its scopes`,
      );
    }
    if (!response.ok)
      throw new ExitError(
        EXIT.UNREACHABLE,
        `DigitalOcean API answered HTTP ${response.status} for ${new URL(url).pathname}`,
      );
    return (await response.json()) as T;
  };
  async function all<T>(path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    for (let next: string | undefined = path; next;) {
      const page: Page & Record<string, unknown> = await get<Page & Record<string, unknown>>(next);
      items.push(...((page[key] as T[] | undefined) ?? []));
      next = page.links?.pages?.next;
    }
    return items;
  }
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
  };
}
