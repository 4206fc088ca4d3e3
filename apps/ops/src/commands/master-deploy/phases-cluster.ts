import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lastLines } from '../build-images/run-command.js';
import { PhaseFailure, type DeployContext, type PhaseOutcome } from './context.js';
import type { KubeObject } from './kubectl.js';
import {
  overlayDir,
  readManifestFile,
  renderOverlay,
  setImageTag,
  ourImages,
  untaggedImages,
} from './manifests.js';
import { migrationJobs, MIGRATING_SERVICES } from './migration-jobs.js';
import { parseTimeout, waitForRollouts } from './rollout.js';

const applyLine = (ctx: DeployContext) =>
  `kubectl apply -n ${ctx.namespace} --server-side --force-conflicts --field-manager=gomeet-deploy`;

function renderLine(ctx: DeployContext): string {
  const overlay = path.relative(ctx.root, overlayDir(ctx.root, ctx.environment));
  return `kubectl kustomize ${overlay}${ctx.tag ? ` (our images set to :${ctx.tag})` : ''}`;
}

/** The rendered overlay with this run's tag; production refuses untagged or `latest` images. */
export async function rendered(ctx: DeployContext): Promise<KubeObject[]> {
  if (ctx.objects) return ctx.objects;
  let objects: KubeObject[];
  try {
    objects = await renderOverlay(ctx.kubectl, ctx.root, ctx.environment);
  } catch (error) {
    throw new PhaseFailure(
      `rendering the ${ctx.environment} overlay failed: ${(error as Error).message}`,
      `check it with: kubectl kustomize deployment/k8s/overlays/${ctx.environment}`,
    );
  }
  if (ctx.tag) setImageTag(objects, ctx.tag);
  const bad = untaggedImages(ourImages(objects));
  if (ctx.environment === 'production' && bad.length > 0)
    throw new PhaseFailure(
      `production refuses untagged or latest images: ${bad.join(', ')}`,
      'pass --tag <the tag build-images pushed>',
    );
  ctx.objects = objects;
  return objects;
}

/** Fails naming the kinds of `objects` the API server does not serve (missing CRDs). */
async function requireServed(
  ctx: DeployContext,
  objects: readonly KubeObject[],
  what: string,
): Promise<void> {
  const served = await ctx.kubectl.servedKinds();
  const missing = [
    ...new Set(
      objects
        .filter((o) => !served.has(`${o.apiVersion} ${o.kind}`))
        .map((o) => `${o.kind} (${o.apiVersion})`),
    ),
  ];
  if (missing.length > 0)
    throw new PhaseFailure(
      `${what} uses kinds this cluster does not serve: ${missing.join(', ')}`,
      'install their CRDs first (Traefik, Argo Rollouts, Prometheus Operator; ours are in deployment/k8s/crds/)',
    );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface JobStatus {
  status?: { succeeded?: number; conditions?: { type: string; status: string }[] };
}

async function waitForJob(ctx: DeployContext, name: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const job = await ctx.kubectl.get<JobStatus>(['job', name, '-n', ctx.namespace]);
    if ((job?.status?.succeeded ?? 0) >= 1) return;
    if (job?.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True')) {
      const logs = await ctx.kubectl.exec(['logs', `job/${name}`, '-n', ctx.namespace, '--tail=5']);
      throw new Error(
        `job/${name} failed: ${lastLines(logs.stdout || logs.stderr, 2) || 'no logs'}`,
      );
    }
    if (Date.now() > deadline) throw new Error(`job/${name} did not complete within ${seconds} s`);
    await sleep(1000);
  }
}

/** Phase 5: the overlay's ConfigMaps, then one migration Job per service, awaited. */
export async function database(ctx: DeployContext): Promise<PhaseOutcome> {
  const actions = [
    `${renderLine(ctx)}: ${applyLine(ctx)} its Namespace and ConfigMaps (the Jobs read them)`,
    ...Object.entries(MIGRATING_SERVICES).map(
      ([name, folder]) =>
        `Job ${name}-migrate-${ctx.runId}: node services/${folder}/dist/migrate.js with ${name}'s image, env and Secrets`,
    ),
    `wait for each Job to complete (--rollout-timeout ${ctx.flags.rolloutTimeout})`,
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would migrate', actions };
  const objects = await rendered(ctx);
  await ctx.kubectl.apply(objects.filter((o) => o.kind === 'Namespace' || o.kind === 'ConfigMap'));
  const jobs = migrationJobs(objects, ctx.namespace, ctx.runId);
  if (jobs.length === 0)
    return { status: 'skipped', detail: 'no service Deployments in the overlay', actions };
  await ctx.kubectl.apply(jobs);
  const seconds = parseTimeout(ctx.flags.rolloutTimeout);
  const failures: string[] = [];
  await Promise.all(
    jobs.map((job) =>
      waitForJob(ctx, job.metadata.name, seconds).then(
        () => ctx.note(`  job/${job.metadata.name} completed`),
        (error: unknown) => failures.push((error as Error).message),
      ),
    ),
  );
  if (failures.length > 0)
    throw new PhaseFailure(
      failures.join('; '),
      `read the whole log: kubectl logs -n ${ctx.namespace} job/<name>; check DATABASE_URL in postgres-secret`,
    );
  return { status: 'done', detail: `${jobs.length} migration Jobs completed`, actions };
}

/** Phase 6: apply the overlay (Namespaces and CRDs first), then wait for every rollout. */
export async function services(ctx: DeployContext): Promise<PhaseOutcome> {
  const actions = [
    `${renderLine(ctx)} | ${applyLine(ctx)} -f -  (Namespaces and CRDs first)`,
    'kubectl rollout status for each Deployment, StatefulSet and DaemonSet',
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would apply and roll out', actions };
  const objects = await rendered(ctx);
  const first = objects.filter(
    (o) => o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition',
  );
  await ctx.kubectl.apply(first);
  const crds = first.filter((o) => o.kind === 'CustomResourceDefinition');
  if (crds.length > 0)
    await ctx.kubectl.ok([
      'wait',
      '--for=condition=established',
      '--timeout=60s',
      ...crds.map((c) => `crd/${c.metadata.name}`),
    ]);
  const rest = objects.filter((o) => !first.includes(o));
  await requireServed(ctx, rest, `the ${ctx.environment} overlay`);
  await ctx.kubectl.apply(rest);
  const rolled = await waitForRollouts(ctx, rest);
  return {
    status: 'done',
    detail: `${objects.length} objects applied, ${rolled.length} workloads rolled out${ctx.tag ? ` at ${ctx.tag}` : ''}`,
    actions,
  };
}

/** Phase 7: deployment/digitalocean/traefik-gateway.yaml, its rollout and load balancer. */
export async function gateway(ctx: DeployContext): Promise<PhaseOutcome> {
  const file = path.join(ctx.root, 'deployment/digitalocean/traefik-gateway.yaml');
  const actions = [
    `${applyLine(ctx)} -f deployment/digitalocean/traefik-gateway.yaml`,
    'kubectl rollout status deployment/traefik',
    'read the load balancer address of service/traefik',
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would apply the gateway', actions };
  if (!existsSync(file))
    throw new PhaseFailure(
      'deployment/digitalocean/traefik-gateway.yaml does not exist',
      'add the gateway manifest',
    );
  const objects = readManifestFile(file);
  await requireServed(ctx, objects, 'traefik-gateway.yaml');
  await ctx.kubectl.apply(objects);
  await waitForRollouts(ctx, objects);
  const svc = await ctx.kubectl.get<{
    status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
  }>(['service', 'traefik', '-n', ctx.namespace]);
  const ingress = svc?.status?.loadBalancer?.ingress?.[0];
  const address = ingress?.ip ?? ingress?.hostname;
  return {
    status: 'done',
    detail: address ? `load balancer at ${address}` : 'applied; load balancer address pending',
    actions,
    ...(address
      ? {}
      : {
          warnings: [
            `service/traefik has no external address yet: kubectl get service traefik -n ${ctx.namespace} -w`,
          ],
        }),
  };
}

/** Phase 8: deployment/monitoring/*.yaml, each object only when the cluster serves its kind. */
export async function monitoring(ctx: DeployContext): Promise<PhaseOutcome> {
  const dir = path.join(ctx.root, 'deployment/monitoring');
  // Each file read once; only those holding Kubernetes objects (prometheus.yml is Prometheus's
  // own config, and parseManifests drops what has no kind).
  const manifests = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => ({ file: f, objects: readManifestFile(path.join(dir, f)) }))
        .filter((m) => m.objects.length > 0)
    : [];
  const actions = manifests.map(
    (m) => `${applyLine(ctx)} -f deployment/monitoring/${m.file} (kinds the cluster serves)`,
  );
  if (manifests.length === 0)
    return { status: 'skipped', detail: 'deployment/monitoring has no manifests', actions };
  if (ctx.dryRun) return { status: 'planned', detail: 'would apply monitoring', actions };
  const objects = manifests.flatMap((m) => m.objects);
  const served = await ctx.kubectl.servedKinds();
  const apply = objects.filter((o) => served.has(`${o.apiVersion} ${o.kind}`));
  const missing = [
    ...new Set(
      objects
        .filter((o) => !served.has(`${o.apiVersion} ${o.kind}`))
        .map((o) => `${o.kind} (${o.apiVersion})`),
    ),
  ];
  const why = missing.length
    ? `skipped ${missing.join(', ')}: not served here (install the Prometheus Operator CRDs)`
    : '';
  if (apply.length === 0)
    return {
      status: 'skipped',
      detail: why || 'no Kubernetes objects in deployment/monitoring',
      actions,
    };
  await ctx.kubectl.apply(apply);
  return {
    status: 'done',
    detail: `${apply.length} objects applied${why ? `; ${why}` : ''}`,
    actions,
    ...(why ? { warnings: [why] } : {}),
  };
}

interface HpaList {
  items: {
    metadata: { name: string };
    spec?: { scaleTargetRef?: { kind?: string; name?: string } };
  }[];
}

/** Phase 9: every service Deployment has an HPA, and the metrics API they read is there. */
export async function autoscaling(ctx: DeployContext): Promise<PhaseOutcome> {
  const actions = [
    `kubectl get hpa -n ${ctx.namespace}: one per service (${Object.keys(MIGRATING_SERVICES).join(', ')})`,
    'kubectl get apiservice v1beta1.metrics.k8s.io (metrics-server, which HPAs read)',
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would check HPAs', actions };
  const list = await ctx.kubectl.get<HpaList>(['hpa', '-n', ctx.namespace]);
  const targets = new Set((list?.items ?? []).map((h) => h.spec?.scaleTargetRef?.name));
  const missing = Object.keys(MIGRATING_SERVICES).filter((s) => !targets.has(s));
  if (missing.length > 0)
    throw new PhaseFailure(
      `no HorizontalPodAutoscaler targets ${missing.join(', ')}`,
      'make sure deployment/k8s/base/hpa.yaml is part of the overlay, then resume',
    );
  const metrics = await ctx.kubectl.exec([
    'get',
    'apiservice',
    'v1beta1.metrics.k8s.io',
    '-o',
    'name',
  ]);
  const warnings =
    metrics.code === 0
      ? []
      : ['the metrics API (metrics-server) is not installed: the HPAs cannot read CPU or memory'];
  return {
    status: 'done',
    detail: `${list?.items.length ?? 0} HPAs (${[...targets].filter(Boolean).join(', ')})`,
    actions,
    warnings,
  };
}
