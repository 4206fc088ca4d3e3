import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kubeBinaries, startKubeCluster, type KubeCluster } from '@gomeet/testing';

/** The repository root: the runbook's lines run from here. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Whether the test control plane can run (scripts/install-k8s.sh built its binaries). With
 * CI=true a missing binary fails the file; otherwise it is skipped with a warning.
 */
export function controlPlaneAvailable(what: string): boolean {
  if (kubeBinaries()) return true;
  if (process.env.CI === 'true')
    throw new Error(`${what}: Kubernetes test binaries missing; run bash scripts/install-k8s.sh`);
  console.warn(`${what}: skipped, Kubernetes test binaries missing (bash scripts/install-k8s.sh)`);
  return false;
}

/** kubectl that throws with its stderr on a non-zero exit and returns stdout. */
export async function kubectlOk(
  cluster: KubeCluster,
  args: string[],
  input?: string,
): Promise<string> {
  const r = await cluster.kubectl(
    args,
    input === undefined ? { timeoutMs: 150_000 } : { input, timeoutMs: 150_000 },
  );
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** `kubectl get … -o json` parsed. */
export async function getJson<T>(cluster: KubeCluster, args: string[]): Promise<T> {
  return JSON.parse(await kubectlOk(cluster, ['get', ...args, '-o', 'json'])) as T;
}

/**
 * Applies what production runs: our CRDs (Traefik, cert-manager, Argo Rollouts, Prometheus
 * operator kinds), the production overlay and deployment/digitalocean/traefik-gateway.yaml,
 * as master-deploy does. With `wait`, returns once every Deployment is Available and coturn
 * runs on each media node.
 */
export async function applyProduction(cluster: KubeCluster, wait = true): Promise<void> {
  await kubectlOk(cluster, ['apply', '--server-side', '-k', `${ROOT}deployment/k8s/crds`]);
  await kubectlOk(cluster, [
    'wait',
    '--for=condition=Established',
    'crd',
    '--all',
    '--timeout=60s',
  ]);
  await kubectlOk(cluster, [
    'apply',
    '--server-side',
    '-k',
    `${ROOT}deployment/k8s/overlays/production`,
  ]);
  await kubectlOk(cluster, [
    'apply',
    '--server-side',
    '-f',
    `${ROOT}deployment/digitalocean/traefik-gateway.yaml`,
  ]);
  if (!wait) return;
  await waitAvailable(cluster, 'gomeet');
}

/** Waits until every Deployment of `namespace` is Available and every DaemonSet fully ready. */
export async function waitAvailable(cluster: KubeCluster, namespace: string): Promise<void> {
  await kubectlOk(cluster, [
    'wait',
    '-n',
    namespace,
    '--for=condition=Available',
    'deployment',
    '--all',
    '--timeout=120s',
  ]);
  await kubectlOk(cluster, ['rollout', 'status', '-n', namespace, 'daemonset', '--timeout=120s']);
}

/** A control plane running GoMeet's production manifests; stopped if setting up fails. */
export async function startProductionCluster(
  options: { wait?: boolean } = {},
): Promise<KubeCluster> {
  const cluster = await startKubeCluster();
  try {
    await applyProduction(cluster, options.wait ?? true);
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** What a runbook line printed, and its exit code. */
export interface LineRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one runbook line, e.g. `./deployment/digitalocean/health-check.sh --format json check`,
 * from the repository root with KUBECONFIG pointing at the test cluster. The environment is
 * minimal (PATH, HOME, KUBECONFIG plus `env`), so nothing of the developer's shell leaks in.
 */
export function runLine(
  cluster: KubeCluster,
  line: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<LineRun> {
  const [file, ...args] = line;
  return new Promise((resolve, reject) => {
    const child = spawn(file ?? '', args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        KUBECONFIG: cluster.kubeconfig,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
