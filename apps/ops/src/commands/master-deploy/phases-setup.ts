import { existsSync } from 'node:fs';
import path from 'node:path';
import { kubeFor } from '../../cli/context.js';
import { EXIT } from '../../cli/exit.js';
import { buildImages } from '../build-images/index.js';
import { onPath } from '../build-images/docker.js';
import { lastLines } from '../build-images/run-command.js';
import { readSecrets, writeSecrets } from '../setup-secrets/cluster.js';
import { planSecrets } from '../setup-secrets/plan.js';
import { PhaseFailure, type DeployContext, type PhaseOutcome } from './context.js';
import { overlayDir } from './manifests.js';

/** Secrets the infrastructure (managed PostgreSQL and Redis) provides; never generated here. */
const DATABASE_SECRETS = ['postgres-secret', 'redis-secret'];

function versionAtLeast(text: string, major: number, minor: number): boolean {
  const m = /(\d+)\.(\d+)/.exec(text);
  if (!m) return false;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > major || (maj === major && min >= minor);
}

interface KubectlVersion {
  clientVersion?: { major?: string; minor?: string; gitVersion?: string };
}

/** kubectl's version, or 'unknown' for a build without version stamps (a warning then). */
async function kubectlVersion(ctx: DeployContext): Promise<string> {
  const r = await ctx.kubectl.exec(['version', '--client', '-o', 'json']);
  if (r.notFound)
    throw new PhaseFailure(
      'kubectl not found on PATH',
      'install kubectl 1.28 or newer',
      EXIT.UNREACHABLE,
    );
  const v = (JSON.parse(r.stdout || '{}') as KubectlVersion).clientVersion;
  const text = v?.major
    ? `${v.major}.${Number.parseInt(v.minor ?? '0', 10)}`
    : (/^v(\d+\.\d+)/.exec(v?.gitVersion ?? '')?.[1] ?? 'unknown');
  // Built from source without version stamps, kubectl reports v0.0.0: nothing to compare.
  if (text === 'unknown' || text === '0.0') return 'unknown';
  if (!versionAtLeast(text, 1, 28))
    throw new PhaseFailure(
      `kubectl ${text} is older than 1.28`,
      'upgrade kubectl to 1.28 or newer',
    );
  return text;
}

async function dockerVersion(ctx: DeployContext): Promise<string> {
  const r = await ctx.run('docker', ['version', '--format', '{{.Client.Version}}'], {
    env: ctx.deps.env,
    timeoutMs: 30_000,
  });
  const text = r.stdout.trim();
  if (r.notFound || !text)
    throw new PhaseFailure(
      'docker not found on PATH',
      'install Docker 20.10+ with buildx, or deploy already-built images with --skip-images --tag <tag>',
      EXIT.UNREACHABLE,
    );
  if (!versionAtLeast(text, 20, 10))
    throw new PhaseFailure(
      `docker ${text} is older than 20.10`,
      'upgrade Docker to 20.10 or newer',
    );
  return text;
}

/** Phase 1: tools and versions, credentials, the overlay, and a reachable cluster. */
export async function prerequisites(ctx: DeployContext): Promise<PhaseOutcome> {
  const overlay = path.relative(ctx.root, overlayDir(ctx.root, ctx.environment));
  const needToken = !ctx.flags.skipInfrastructure;
  const actions = [
    'kubectl version --client -o json  (kubectl >= 1.28)',
    ...(ctx.flags.skipImages ? [] : ['docker version  (docker >= 20.10)']),
    'doctl on PATH (optional: infrastructure and registry login use it)',
    ...(needToken ? ['DIGITALOCEAN_TOKEN is set (never printed)'] : []),
    `${overlay}/kustomization.yaml exists`,
    'kubectl get --raw /version  (the kube context answers)',
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'checks listed', actions };
  const warnings: string[] = [];
  const kubectl = await kubectlVersion(ctx);
  if (kubectl === 'unknown')
    warnings.push('kubectl does not report its version (a build without version stamps)');
  const found = [`kubectl ${kubectl}`];
  if (!ctx.flags.skipImages) found.push(`docker ${await dockerVersion(ctx)}`);
  if (onPath('doctl', ctx.deps.env)) found.push('doctl');
  else warnings.push('doctl is not on PATH (needed for infrastructure and registry login)');
  if (needToken && !ctx.deps.env.DIGITALOCEAN_TOKEN)
    throw new PhaseFailure(
      'DIGITALOCEAN_TOKEN is not set (the infrastructure phase needs it)',
      'export DIGITALOCEAN_TOKEN=<your token>, or pass --skip-infrastructure when it is provisioned',
    );
  if (!existsSync(path.join(ctx.root, overlay, 'kustomization.yaml')))
    throw new PhaseFailure(
      `${overlay}/kustomization.yaml does not exist`,
      `create the ${ctx.environment} overlay (deployment/k8s/overlays/${ctx.environment})`,
    );
  const server = await ctx.kubectl.exec(['get', '--raw', '/version', '--request-timeout=10s']);
  if (server.code !== 0)
    throw new PhaseFailure(
      `the Kubernetes API does not answer (${lastLines(server.stderr, 1)})`,
      'run doctl kubernetes cluster kubeconfig save gomeet-cluster, or pick a context with --context',
      EXIT.UNREACHABLE,
    );
  const version = (JSON.parse(server.stdout) as { gitVersion?: string }).gitVersion ?? '?';
  found.push(`cluster ${version}`);
  return { status: 'done', detail: found.join(', '), actions, warnings };
}

/** Phase 2: setup-infrastructure.sh (DigitalOcean resources), unless --skip-infrastructure. */
export async function infrastructure(ctx: DeployContext): Promise<PhaseOutcome> {
  if (ctx.flags.skipInfrastructure)
    return { status: 'skipped', detail: '--skip-infrastructure', actions: [] };
  const script = path.join(ctx.root, 'deployment/digitalocean/setup-infrastructure.sh');
  const args = [
    '--namespace',
    ctx.namespace,
    ...(ctx.options.context ? ['--context', ctx.options.context] : []),
    ...(ctx.options.verbose ? ['--verbose'] : []),
  ];
  const actions = [`./deployment/digitalocean/setup-infrastructure.sh ${args.join(' ')}`];
  if (ctx.dryRun) return { status: 'planned', detail: 'would provision', actions };
  if (!existsSync(script))
    throw new PhaseFailure(
      'deployment/digitalocean/setup-infrastructure.sh does not exist',
      'provision the infrastructure another way, then pass --skip-infrastructure',
    );
  const r = await ctx.run(script, args, {
    env: ctx.deps.env,
    cwd: ctx.root,
    onStderr: (t) => ctx.deps.stderr.write(t),
  });
  if (r.code !== 0)
    throw new PhaseFailure(
      `setup-infrastructure.sh exited ${r.code}: ${lastLines(r.stderr, 1)}`,
      'fix what it reported (see above)',
      r.code === EXIT.UNREACHABLE ? EXIT.UNREACHABLE : EXIT.FAILED,
    );
  return { status: 'done', detail: 'setup-infrastructure.sh succeeded', actions };
}

/**
 * Phase 3: setup-secrets' generated Secrets (JWT, TURN, LiveKit, backup key) are created when
 * missing and never rotated; postgres-secret and redis-secret must already exist (infrastructure).
 */
export async function secrets(ctx: DeployContext): Promise<PhaseOutcome> {
  const actions = [
    `setup-secrets: create the missing generated Secrets in namespace ${ctx.namespace} (no rotation)`,
    `require ${DATABASE_SECRETS.join(' and ')} (written by the infrastructure phase)`,
  ];
  if (ctx.dryRun) return { status: 'planned', detail: 'would create missing Secrets', actions };
  const kube = await kubeFor(ctx.deps, ctx.options);
  const existing = await readSecrets(kube, ctx.namespace);
  const missingDb = DATABASE_SECRETS.filter((n) => !existing.get(n));
  if (missingDb.length > 0)
    throw new PhaseFailure(
      `Secret${missingDb.length > 1 ? 's' : ''} ${missingDb.join(', ')} missing in namespace ${ctx.namespace}`,
      'run the infrastructure phase (it writes the managed database and Redis credentials), or for an in-cluster database ./deployment/digitalocean/setup-secrets.sh --database',
    );
  const changes = (
    await planSecrets(existing, { database: false, rotate: false, now: ctx.deps.now() })
  ).filter((c) => !DATABASE_SECRETS.includes(c.name));
  await writeSecrets(kube, ctx.namespace, changes);
  const created = changes.filter((c) => c.action === 'create').map((c) => c.name);
  return {
    status: 'done',
    detail: created.length ? `created ${created.join(', ')}` : 'all Secrets present',
    actions,
  };
}

/** Phase 4: build-images for every target (pushes to the registry), unless --skip-images. */
export async function images(ctx: DeployContext): Promise<PhaseOutcome> {
  if (ctx.flags.skipImages)
    return {
      status: 'skipped',
      detail: ctx.tag ? `--skip-images; deploying tag ${ctx.tag}` : '--skip-images',
      actions: [],
    };
  const report = await buildImages(
    {
      run: ctx.run,
      env: ctx.deps.env,
      out: ctx.out,
      stderr: ctx.deps.stderr,
      dryRun: ctx.dryRun,
      verbose: ctx.options.verbose,
      root: ctx.root,
    },
    ctx.tag ? { tag: ctx.tag } : {},
  );
  ctx.tag = report.tag;
  if (report.status === 'failed')
    throw new PhaseFailure(
      'the image scan found fixable HIGH or CRITICAL vulnerabilities',
      'update the base images (./deployment/digitalocean/build-images.sh --update-base-images) or the dependencies',
    );
  return {
    status: ctx.dryRun ? 'planned' : 'done',
    detail: `${report.images.length} images tagged ${report.tag}`,
    actions: [
      ...report.commands,
      ...(report.scanner
        ? report.scans.map((s) => `scan ${s.image}: ${s.detail}`)
        : ['scan: skipped (neither trivy nor grype is on PATH)']),
    ],
  };
}
