import { kubeFor } from '../../cli/context.js';
import { clusterReadyzChecks } from '../health-check/checks/cluster-readyz.js';
import { deploymentChecks } from '../health-check/checks/deployments.js';
import { PhaseFailure, type DeployContext, type PhaseOutcome } from './context.js';
import { publicUrlOf } from './manifests.js';
import { MIGRATION_SELECTOR } from './migration-jobs.js';
import { rendered } from './phases-cluster.js';
import { SmokeFailure, smokeTest } from './smoke.js';

/**
 * Retries while the API server answers 429 or 503: right after a CRD is created its storage
 * answers 429 ("storage is (re)initializing") for a few seconds.
 */
async function retryBusy<T>(work: () => Promise<T>, attempts = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: number }).code;
      if ((code !== 429 && code !== 503) || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Phase 10: health-check's replica checks, and /readyz of each service unless --health replicas. */
export async function health(ctx: DeployContext): Promise<PhaseOutcome> {
  const full = ctx.flags.health === 'full';
  const actions = [
    'health-check: every expected Deployment has its replicas ready',
    ...(full ? ['health-check: /readyz of each service through the API server proxy'] : []),
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would check health', actions };
  const kube = await kubeFor(ctx.deps, ctx.options);
  const checks = await retryBusy(() => deploymentChecks(kube, ctx.namespace));
  if (full) checks.push(...(await clusterReadyzChecks(kube, ctx.namespace, 10_000)).checks);
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length > 0)
    throw new PhaseFailure(
      failed.map((c) => `${c.name}: ${c.message}`).join('; '),
      `see ./deployment/digitalocean/health-check.sh --namespace ${ctx.namespace} check`,
    );
  const warned = checks.filter((c) => c.status === 'warn');
  return {
    status: 'done',
    detail: `${checks.length - warned.length}/${checks.length} checks pass`,
    actions,
    warnings: warned.map((c) => `${c.name}: ${c.message}`),
  };
}

/** Phase 11: the smoke test through the public URL (--public-url, else the overlay's PUBLIC_URL). */
export async function verification(ctx: DeployContext): Promise<PhaseOutcome> {
  const where = ctx.flags.publicUrl ?? "the overlay's PUBLIC_URL";
  const actions = [
    `through ${where}: sign in (GOMEET_SMOKE_EMAIL) or POST /api/auth/register, POST /api/meetings, POST /api/meetings/:code/join (a LiveKit token), POST /api/meetings/:code/end`,
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would smoke-test', actions };
  const url = ctx.flags.publicUrl ?? publicUrlOf(await rendered(ctx));
  if (!url)
    throw new PhaseFailure(
      'no public URL: gomeet-config has no PUBLIC_URL',
      'pass --public-url https://<your host>',
    );
  try {
    const steps = await smokeTest(ctx.deps.fetch, url, ctx.deps.env);
    return {
      status: 'done',
      detail: `${steps.length} API steps passed at ${url}`,
      actions: steps.map((s) => `${s.step}: ${s.status}`),
    };
  } catch (error) {
    const reason =
      error instanceof SmokeFailure
        ? error.message
        : `${url} unreachable: ${(error as Error).message}`;
    throw new PhaseFailure(
      reason,
      `check DNS and the gateway (kubectl get service traefik -n ${ctx.namespace}) and the services' logs (kubectl logs -n ${ctx.namespace} -l app=auth-service)`,
    );
  }
}

interface ReplicaSetList {
  items: {
    metadata: {
      name: string;
      annotations?: Record<string, string>;
      ownerReferences?: { kind: string; name: string }[];
    };
    spec?: { replicas?: number };
  }[];
}

interface DeploymentList {
  items: { metadata: { name: string }; spec?: { revisionHistoryLimit?: number } }[];
}

/** Scaled-down ReplicaSets beyond each Deployment's revisionHistoryLimit, oldest first. */
export function oldReplicaSets(rs: ReplicaSetList, deployments: DeploymentList): string[] {
  const limit = new Map(
    deployments.items.map((d) => [d.metadata.name, d.spec?.revisionHistoryLimit ?? 10]),
  );
  const byOwner = new Map<string, { name: string; revision: number }[]>();
  for (const r of rs.items) {
    const owner = r.metadata.ownerReferences?.find((o) => o.kind === 'Deployment')?.name;
    if (!owner || !limit.has(owner) || (r.spec?.replicas ?? 0) > 0) continue;
    const revision = Number(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), { name: r.metadata.name, revision }]);
  }
  const old: string[] = [];
  for (const [owner, list] of byOwner) {
    list.sort((a, b) => b.revision - a.revision);
    old.push(...list.slice(limit.get(owner) ?? 10).map((r) => r.name));
  }
  return old;
}

/** Phase 12: delete completed migration Jobs and ReplicaSets beyond the revision history. */
export async function cleanup(ctx: DeployContext): Promise<PhaseOutcome> {
  const ns = ctx.namespace;
  const actions = [
    `kubectl delete job -n ${ns} -l ${MIGRATION_SELECTOR} --field-selector status.successful=1`,
    `kubectl delete replicaset -n ${ns} <scaled-down ReplicaSets beyond each Deployment's revisionHistoryLimit>`,
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would clean up', actions };
  const jobs = await ctx.kubectl.ok([
    'delete',
    'job',
    '-n',
    ns,
    '-l',
    MIGRATION_SELECTOR,
    '--field-selector',
    'status.successful=1',
    '--ignore-not-found',
    '-o',
    'name',
  ]);
  const deletedJobs = jobs.split('\n').filter(Boolean).length;
  const rs = (await ctx.kubectl.get<ReplicaSetList>(['replicaset', '-n', ns])) ?? { items: [] };
  const deployments = (await ctx.kubectl.get<DeploymentList>(['deployment', '-n', ns])) ?? {
    items: [],
  };
  const old = oldReplicaSets(rs, deployments);
  if (old.length > 0)
    await ctx.kubectl.ok(['delete', 'replicaset', '-n', ns, '--ignore-not-found', ...old]);
  return {
    status: 'done',
    detail: `deleted ${deletedJobs} completed migration Job(s), ${old.length} old ReplicaSet(s)`,
    actions,
  };
}
