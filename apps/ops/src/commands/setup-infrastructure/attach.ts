import type { DoCluster, DoDatabase } from '../../cli/digitalocean.js';
import { ruleText, type InfraApi, type ProvisionContext, type RecordRow } from './types.js';
import { waitFor } from './wait.js';

/** Creates the Spaces bucket through the S3 API; without keys says how to get them. */
export async function ensureBucket(ctx: ProvisionContext, record: RecordRow): Promise<void> {
  const { bucketApi, spec } = ctx;
  if (!bucketApi) {
    record(
      'spaces-bucket',
      spec.bucket,
      ctx.dryRun ? 'would-create' : 'skipped',
      'SPACES_KEY/SPACES_SECRET not set: create a Spaces access key (Control Panel → API → Spaces Keys), export both and rerun',
    );
    return;
  }
  if (await bucketApi.exists(spec.bucket))
    record('spaces-bucket', spec.bucket, 'existed', bucketApi.endpoint);
  else if (ctx.dryRun)
    record(
      'spaces-bucket',
      spec.bucket,
      'would-create',
      `S3 CreateBucket at ${bucketApi.endpoint}`,
    );
  else {
    await bucketApi.create(spec.bucket);
    record('spaces-bucket', spec.bucket, 'created', `S3 CreateBucket at ${bucketApi.endpoint}`);
  }
}

/** Registry integration, node firewall and database trusted sources; a dry run only reads. */
export async function wireToCluster(
  ctx: ProvisionContext,
  api: InfraApi,
  found: DoCluster,
  databases: DoDatabase[],
  record: RecordRow,
): Promise<void> {
  const { spec, dryRun } = ctx;
  const act = async (
    resource: string,
    name: string,
    detail: string,
    work: () => Promise<unknown>,
  ) => {
    if (dryRun) return record(resource, name, 'would-create', detail);
    await work();
    record(resource, name, 'created', detail);
  };
  if (!dryRun)
    await waitFor(
      `cluster ${found.name}`,
      'running',
      async () => (await api.getCluster(found.id)).status?.state,
      ctx.wait,
    );
  const cluster = dryRun ? found : await api.getCluster(found.id);
  if (cluster.registry_enabled)
    record('registry-integration', cluster.name, 'existed', spec.registry.name);
  else
    await act('registry-integration', cluster.name, 'POST /v2/kubernetes/registry', () =>
      api.addRegistryToClusters([cluster.id]),
    );
  const nodeTag = `k8s:${cluster.id}`;
  const firewall = (await api.listFirewalls()).find((f) => f.name === spec.firewall.name);
  if (firewall) record('firewall', firewall.name, 'existed', `on ${firewall.tags.join(', ')}`);
  else
    await act('firewall', spec.firewall.name, `${ruleText(spec)} on tag ${nodeTag}`, () =>
      api.createFirewall({ ...spec.firewall, tags: [nodeTag] }),
    );
  for (const db of databases) {
    if (!dryRun)
      await waitFor(
        `database ${db.name}`,
        'online',
        async () => (await api.getDatabase(db.id)).status,
        ctx.wait,
      );
    // A database being created has no firewall to read yet.
    const rules = db.id ? await api.getDatabaseFirewall(db.id) : [];
    if (rules.some((r) => r.type === 'k8s' && r.value === cluster.id))
      record('database-firewall', db.name, 'existed', `trusted source k8s ${cluster.name}`);
    else
      await act('database-firewall', db.name, `trusted source k8s ${cluster.name}`, () =>
        // PUT replaces the list: keep the rules someone else added.
        api.putDatabaseFirewall(db.id, [
          ...rules.map(({ type, value }) => ({ type, value })),
          { type: 'k8s', value: cluster.id },
        ]),
      );
  }
}
