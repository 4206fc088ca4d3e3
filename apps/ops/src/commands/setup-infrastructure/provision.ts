import type { DoCluster, DoDatabase, DoVpc } from '../../cli/digitalocean.js';
import { ensureBucket, wireToCluster } from './attach.js';
import { assertNoOverlap } from './ranges.js';
import type { InfraSpec } from './spec.js';
import {
  ruleText,
  type ProvisionContext,
  type ResourceResult,
  type ResourceStatus,
} from './types.js';

export type { InfraApi, ProvisionContext, ResourceResult, ResourceStatus } from './types.js';

/** The load balancer's name, as traefik-gateway.yaml's do-loadbalancer-name annotation sets it. */
export const LB_NAME = 'gomeet-lb';

/**
 * Lists what exists, creates what is missing, in dependency order: VPC, registry, cluster and its
 * pools, databases, bucket; then waits for the cluster and wires registry, node firewall and the
 * databases' trusted sources to it. In a dry run it only lists, and says what it would create.
 */
export async function provisionInfrastructure(ctx: ProvisionContext): Promise<ResourceResult[]> {
  const { spec, api, dryRun } = ctx;
  const results: ResourceResult[] = [];
  const record = (resource: string, name: string, status: ResourceStatus, detail: string) => {
    results.push({ resource, name, status, detail });
    ctx.progress(`${resource} ${name}: ${status}${detail ? ` (${detail})` : ''}`);
  };
  const create = async <T>(
    resource: string,
    name: string,
    call: string,
    make: () => Promise<T>,
  ) => {
    if (dryRun || !api) {
      record(resource, name, 'would-create', call);
      return undefined;
    }
    const made = await make();
    record(resource, name, 'created', call);
    return made;
  };

  // VPC: an existing one is checked against the cluster networks before anything else is made.
  let vpc: DoVpc | undefined = (await api?.listVpcs())?.find(
    (v) => v.name === spec.vpc.name && v.region === spec.region,
  );
  if (vpc) {
    assertNoOverlap({ ...spec.ranges, vpc: vpc.ip_range });
    record('vpc', vpc.name, 'existed', `${vpc.ip_range} in ${vpc.region}`);
  } else
    vpc = await create(
      'vpc',
      spec.vpc.name,
      `POST /v2/vpcs ${spec.vpc.ip_range} in ${spec.region}`,
      () => api!.createVpc(spec.vpc),
    );

  const registry = (await api?.listRegistries())?.find((r) => r.name === spec.registry.name);
  if (registry)
    record('registry', registry.name, 'existed', `registry.digitalocean.com/${registry.name}`);
  else
    await create(
      'registry',
      spec.registry.name,
      `POST /v2/registries ${spec.registry.subscription_tier_slug} in ${spec.registry.region}`,
      () => api!.createRegistry(spec.registry),
    );

  let cluster: DoCluster | undefined = (await api?.listClusters())?.find(
    (c) => c.name === spec.cluster.name,
  );
  if (cluster) {
    record(
      'kubernetes-cluster',
      cluster.name,
      'existed',
      `state ${cluster.status?.state ?? 'unknown'}`,
    );
    for (const pool of spec.cluster.node_pools) {
      const found = cluster.node_pools.find((p) => p.name === pool.name);
      const id = cluster.id;
      if (found) record('node-pool', pool.name, 'existed', `${found.count} × ${found.size}`);
      else
        await create(
          'node-pool',
          pool.name,
          `POST /v2/kubernetes/clusters/{id}/node_pools ${poolText(pool)}`,
          () => api!.createNodePool(id, pool),
        );
    }
  } else {
    cluster = await create(
      'kubernetes-cluster',
      spec.cluster.name,
      `POST /v2/kubernetes/clusters pods ${spec.ranges.pod}, services ${spec.ranges.service}, HA control plane`,
      () => api!.createCluster({ ...spec.cluster, ...(vpc ? { vpc_uuid: vpc.id } : {}) }),
    );
    for (const pool of spec.cluster.node_pools)
      record(
        'node-pool',
        pool.name,
        cluster ? 'created' : 'would-create',
        `with the cluster: ${poolText(pool)}`,
      );
  }

  const existing = (await api?.listDatabases()) ?? [];
  const databases: DoDatabase[] = [];
  for (const [db, skip, flag] of [
    [spec.postgres, ctx.skipDatabase, '--skip-database'],
    [spec.redis, ctx.skipRedis, '--skip-redis'],
  ] as const) {
    const found = existing.find((d) => d.name === db.name);
    if (skip) record('database', db.name, 'skipped', `${flag}${found ? '; it exists' : ''}`);
    else if (found) {
      record(
        'database',
        db.name,
        'existed',
        `${found.engine} ${found.num_nodes} × ${found.size}, ${found.status ?? 'unknown'}`,
      );
      databases.push(found);
    } else {
      const made = await create(
        'database',
        db.name,
        `POST /v2/databases ${db.engine} ${db.num_nodes} × ${db.size} in the VPC`,
        () => api!.createDatabase({ ...db, ...(vpc ? { private_network_uuid: vpc.id } : {}) }),
      );
      if (made) databases.push(made);
    }
  }

  await ensureBucket(ctx, record);

  // Everything below hangs off the cluster's id: without a cluster (dry run) only name it.
  if (cluster && api) await wireToCluster(ctx, api, cluster, databases, record);
  else {
    record(
      'registry-integration',
      spec.cluster.name,
      'would-create',
      'POST /v2/kubernetes/registry',
    );
    record(
      'firewall',
      spec.firewall.name,
      'would-create',
      `POST /v2/firewalls ${ruleText(spec)} on tag k8s:<cluster id>`,
    );
    for (const db of wanted(ctx))
      record(
        'database-firewall',
        db.name,
        'would-create',
        'PUT /v2/databases/{id}/firewall trusted source k8s <cluster id>',
      );
  }

  // DOKS's cloud controller makes the load balancer for the traefik Service; one made here
  // would be a second, unmanaged one. We only report it.
  const lb = (await api?.listLoadBalancers())?.find((l) => l.name === LB_NAME);
  record(
    'load-balancer',
    LB_NAME,
    lb ? 'existed' : 'skipped',
    lb
      ? `${lb.size_unit ?? 1} node(s), made by the traefik Service`
      : 'made by the traefik Service (type LoadBalancer) when deployment/digitalocean/traefik-gateway.yaml is applied',
  );
  return results;
}

const poolText = (p: InfraSpec['cluster']['node_pools'][number]) =>
  `${p.count} × ${p.size}, autoscale ${p.min_nodes}-${p.max_nodes}${p.taints?.length ? `, taint ${p.taints.map((t) => `${t.key}=${t.value}:${t.effect}`).join(',')}` : ''}`;

const wanted = (ctx: ProvisionContext) =>
  [
    ctx.skipDatabase ? undefined : ctx.spec.postgres,
    ctx.skipRedis ? undefined : ctx.spec.redis,
  ].filter((d) => d !== undefined);
