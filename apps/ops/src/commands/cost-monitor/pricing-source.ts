import type { CliDeps } from '../../cli/context.js';
import type { Output } from '../../cli/output.js';
import {
  digitalOceanApi,
  digitalOceanBaseUrl,
  type DigitalOceanApi,
} from '../../cli/digitalocean.js';
import { loadPriceTable, withApiDroplets, type PriceTable } from './prices.js';

/** Prices and, when DIGITALOCEAN_TOKEN is set, the API client for spend and billing. */
export interface Pricing {
  prices: PriceTable;
  api?: DigitalOceanApi;
}

/** Loads the price table (or --prices FILE) and, with a token, the droplet sizes from the API. */
export async function loadPricing(
  deps: CliDeps,
  out: Output,
  pricesFile?: string,
): Promise<Pricing> {
  const table = loadPriceTable(pricesFile);
  const token = deps.env.DIGITALOCEAN_TOKEN;
  if (!token) {
    out.verbose('DIGITALOCEAN_TOKEN not set: prices from the price table only');
    return { prices: table };
  }
  const api = digitalOceanApi(deps.fetch, token, digitalOceanBaseUrl(deps.env));
  const sizes = await out.progress('reading droplet prices from the DigitalOcean API', () =>
    api.sizes(),
  );
  return { prices: withApiDroplets(table, sizes), api };
}
