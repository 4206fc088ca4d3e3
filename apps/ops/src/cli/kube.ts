import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as K8s from '@kubernetes/client-node';
import type {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Metrics,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import { EXIT, ExitError } from './exit.js';

/** True when a Kubernetes client error is HTTP status `code` from the API server. */
export const isStatus = (error: unknown, code: number): boolean =>
  (error as { code?: number }).code === code;

/** The Kubernetes API groups commands use; each command narrows them with `Pick<…>`. */
export interface KubeClients {
  core: CoreV1Api;
  apps: AppsV1Api;
  networking: NetworkingV1Api;
  autoscaling: AutoscalingV2Api;
  /** Custom resources such as Traefik IngressRoutes. */
  custom: CustomObjectsApi;
  metrics: Metrics;
  /** The context name in use, for messages. */
  contextName: string;
}

/** What {@link loadKube} needs: the environment (KUBECONFIG, HOME) and an optional --context. */
export interface KubeOptions {
  env: NodeJS.ProcessEnv;
  context?: string;
  /** How long the reachability probe may take. */
  timeoutMs?: number;
}

const NO_CLUSTER =
  'no Kubernetes cluster configured: run doctl kubernetes cluster kubeconfig save gomeet-cluster, or use --target local';

type KubeModule = typeof K8s;

function readKubeConfig(k8s: KubeModule, env: NodeJS.ProcessEnv): KubeConfig | undefined {
  const kc = new k8s.KubeConfig();
  if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) {
    kc.loadFromCluster();
    return kc;
  }
  const files = env.KUBECONFIG
    ? env.KUBECONFIG.split(path.delimiter).filter((f) => f && existsSync(f))
    : [path.join(env.HOME ?? '', '.kube', 'config')].filter((f) => existsSync(f));
  if (files.length === 0) return undefined;
  for (const file of files) {
    const next = new k8s.KubeConfig();
    next.loadFromFile(file);
    kc.mergeConfig(next);
    if (!kc.currentContext) kc.setCurrentContext(next.currentContext);
  }
  return kc.getCurrentCluster() ? kc : undefined;
}

async function probe(k8s: KubeModule, kc: KubeConfig, timeoutMs: number): Promise<void> {
  const version = kc.makeApiClient(k8s.VersionApi);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      version.getCode(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Loads the kube config from KUBECONFIG (or ~/.kube/config, or in-cluster), selects
 * `context`, and checks the API answers. Throws ExitError(3) with a one-line hint otherwise.
 */
export async function loadKube(options: KubeOptions): Promise<KubeClients> {
  // Imported on demand: the client takes seconds to load, and most commands never need it.
  const k8s = await import('@kubernetes/client-node');
  let kc: KubeConfig | undefined;
  try {
    kc = readKubeConfig(k8s, options.env);
  } catch (error) {
    throw new ExitError(
      EXIT.UNREACHABLE,
      `unreadable kubeconfig (${(error as Error).message}); ${NO_CLUSTER}`,
    );
  }
  if (!kc) throw new ExitError(EXIT.UNREACHABLE, NO_CLUSTER);
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      throw new ExitError(
        EXIT.USAGE,
        `unknown kube context "${options.context}" (known: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  const server = kc.getCurrentCluster()?.server ?? 'unknown';
  try {
    await probe(k8s, kc, options.timeoutMs ?? 5_000);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ExitError(
      EXIT.UNREACHABLE,
      `Kubernetes API ${server} unreachable (${reason}): check your kube context, or use --target local`,
    );
  }
  return {
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    networking: kc.makeApiClient(k8s.NetworkingV1Api),
    autoscaling: kc.makeApiClient(k8s.AutoscalingV2Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
    metrics: new k8s.Metrics(kc),
    contextName: kc.getCurrentContext(),
  };
}
