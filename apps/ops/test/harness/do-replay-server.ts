import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Interaction {
  request: { method: string; path: string };
  response: { status: number; body: unknown };
}

type Item = Record<string, unknown> & { id?: string; name?: string };

/** List endpoints and the key their page carries (DO's OpenAPI list responses). */
const COLLECTIONS: Record<string, string> = {
  '/v2/vpcs': 'vpcs',
  '/v2/kubernetes/clusters': 'kubernetes_clusters',
  '/v2/databases': 'databases',
  '/v2/firewalls': 'firewalls',
  '/v2/registries': 'registries',
  '/v2/load_balancers': 'load_balancers',
  '/v2/volumes': 'volumes',
};

/** Required request fields per create, from the spec's `required:` lists. */
const REQUIRED: Record<string, string[]> = {
  '/v2/vpcs': ['name', 'region'],
  '/v2/kubernetes/clusters': ['name', 'region', 'version', 'node_pools'],
  '/v2/databases': ['name', 'engine', 'num_nodes', 'region', 'size'],
  '/v2/firewalls': ['name'],
  '/v2/registries': ['name'],
  node_pool: ['name', 'size', 'count'],
  node_pool_update: ['name', 'count'],
};

/** A loopback DigitalOcean API: state seeded from recordings, creates kept, readiness after polls. */
export interface DoReplayServer {
  url: string;
  /** Every request as "METHOD /path?query". */
  requests: string[];
  /** Only the writes. */
  writes(): string[];
  /** Bodies of the writes, in order. */
  bodies: { method: string; path: string; body: unknown }[];
  stop(): Promise<void>;
}

/** Options of {@link startDoReplayServer}. */
export interface ReplayOptions {
  token: string;
  /** Recording files in test/recordings/. */
  recordings: string[];
  /** GETs of a new cluster or database before it reports running/online (default 1). */
  pollsUntilReady?: number;
}

function load(file: string): Interaction[] {
  const url = new URL(`../recordings/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { interactions: Interaction[] }).interactions;
}

function missing(body: Item, fields: string[] | undefined): string[] {
  return (fields ?? []).filter((f) => body[f] === undefined || body[f] === '');
}

/** Starts the server on 127.0.0.1 with a free port. */
export async function startDoReplayServer(options: ReplayOptions): Promise<DoReplayServer> {
  const interactions = options.recordings.flatMap(load);
  const state: Record<string, Item[]> = Object.fromEntries(
    Object.values(COLLECTIONS).map((k) => [k, []]),
  );
  const firewallRules: Record<string, unknown[]> = {};
  const pending = new Map<string, number>();
  for (const i of interactions) {
    const path = i.request.path.split('?')[0]!;
    const key = COLLECTIONS[path];
    const body = i.response.body as Record<string, Item[]>;
    if (key && body[key]) state[key] = structuredClone(body[key]);
    const fw = /^\/v2\/databases\/([^/]+)\/firewall$/.exec(path);
    if (fw) firewallRules[fw[1]!] = structuredClone((body as { rules: unknown[] }).rules);
  }
  const requests: string[] = [];
  const bodies: DoReplayServer['bodies'] = [];
  const polls = options.pollsUntilReady ?? 1;

  const handle = (method: string, path: string, search: string, body: Item): [number, unknown] => {
    const collection = COLLECTIONS[path];
    if (method === 'GET' && collection)
      return [
        200,
        { [collection]: state[collection], links: {}, meta: { total: state[collection]!.length } },
      ];
    if (method === 'POST' && collection) {
      const lack = missing(body, REQUIRED[path]);
      if (path === '/v2/kubernetes/clusters')
        for (const p of (body.node_pools as Item[] | undefined) ?? [])
          lack.push(...missing(p, REQUIRED.node_pool));
      if (lack.length)
        return [422, { id: 'unprocessable_entity', message: `missing ${lack.join(', ')}` }];
      const id = randomUUID();
      const created_at = '2026-11-25T12:00:00Z';
      const made: Item =
        path === '/v2/vpcs'
          ? { id, urn: `do:vpc:${id}`, default: false, description: '', created_at, ...body }
          : path === '/v2/registries'
            ? {
                name: body.name,
                region: body.region,
                created_at,
                storage_usage_bytes: 0,
                subscription: { tier: { slug: body.subscription_tier_slug } },
              }
            : path === '/v2/kubernetes/clusters'
              ? {
                  id,
                  ...body,
                  node_pools: (body.node_pools as Item[]).map((p) => ({
                    id: randomUUID(),
                    ...p,
                    nodes: [],
                  })),
                  status: { state: 'provisioning', message: 'provisioning' },
                  registry_enabled: false,
                  created_at,
                }
              : path === '/v2/databases'
                ? { id, ...body, status: 'creating', created_at }
                : { id, status: 'waiting', created_at, droplet_ids: [], ...body };
      if (path === '/v2/kubernetes/clusters' || path === '/v2/databases') pending.set(id, polls);
      if (path === '/v2/databases') firewallRules[id] = [];
      state[collection]!.push(made);
      const key =
        {
          vpcs: 'vpc',
          kubernetes_clusters: 'kubernetes_cluster',
          databases: 'database',
          firewalls: 'firewall',
          registries: 'registry',
        }[collection] ?? collection;
      return [path === '/v2/firewalls' ? 202 : 201, { [key]: made }];
    }
    let m = /^\/v2\/(kubernetes\/clusters|databases)\/([^/]+)$/.exec(path);
    if (m && method === 'GET') {
      const list = state[m[1] === 'databases' ? 'databases' : 'kubernetes_clusters']!;
      const item = list.find((i) => i.id === m![2]);
      if (!item)
        return [
          404,
          { id: 'not_found', message: 'The resource you were accessing could not be found.' },
        ];
      const left = pending.get(item.id!) ?? 0;
      if (left > 0) pending.set(item.id!, left - 1);
      else if (m[1] === 'databases') item.status = 'online';
      else item.status = { state: 'running', message: 'Cluster is running' };
      return [200, { [m[1] === 'databases' ? 'database' : 'kubernetes_cluster']: item }];
    }
    m = /^\/v2\/kubernetes\/clusters\/([^/]+)\/node_pools(?:\/([^/]+))?$/.exec(path);
    if (m) {
      const cluster = state.kubernetes_clusters!.find((c) => c.id === m![1]);
      const pools = cluster?.node_pools as Item[] | undefined;
      if (!pools) return [404, { id: 'not_found', message: 'cluster not found' }];
      const lack = missing(body, REQUIRED[m[2] ? 'node_pool_update' : 'node_pool']);
      if (lack.length)
        return [422, { id: 'unprocessable_entity', message: `missing ${lack.join(', ')}` }];
      if (method === 'POST' && !m[2]) {
        const pool = { id: randomUUID(), ...body, nodes: [] };
        pools.push(pool);
        return [201, { node_pool: pool }];
      }
      const i = pools.findIndex((p) => p.id === m![2]);
      if (method === 'PUT' && i >= 0) {
        pools[i] = { ...pools[i], ...body, id: m[2] };
        return [202, { node_pool: pools[i] }];
      }
    }
    if (method === 'POST' && path === '/v2/kubernetes/registry') {
      for (const id of (body.cluster_uuids as string[] | undefined) ?? []) {
        const c = state.kubernetes_clusters!.find((x) => x.id === id);
        if (c) c.registry_enabled = true;
      }
      return [204, undefined];
    }
    m = /^\/v2\/databases\/([^/]+)\/firewall$/.exec(path);
    if (m && firewallRules[m[1]!]) {
      if (method === 'GET') return [200, { rules: firewallRules[m[1]!] }];
      if (method === 'PUT') {
        firewallRules[m[1]!] = ((body.rules as Item[]) ?? []).map((r) => ({
          uuid: randomUUID(),
          cluster_uuid: m[1],
          ...r,
        }));
        return [204, undefined];
      }
    }
    const hit = interactions.find(
      (i) => i.request.method === method && i.request.path === `${path}${search}`,
    );
    if (hit) return [hit.response.status, hit.response.body];
    return [404, { id: 'not_found', message: `no recording for ${method} ${path}${search}` }];
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      requests.push(`${method} ${url.pathname}${url.search}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${options.token}`)
        return send(401, { id: 'Unauthorized', message: 'Unable to authenticate you' });
      const body = (raw ? JSON.parse(raw) : {}) as Item;
      if (method !== 'GET') bodies.push({ method, path: url.pathname, body });
      const [status, answer] = handle(method, url.pathname, url.search, body);
      send(status, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    bodies,
    writes: () => requests.filter((r) => !r.startsWith('GET ')),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
