import type {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  Metrics,
  NetworkingV1Api,
} from '@kubernetes/client-node';

/** The Kubernetes calls health-check makes, and nothing else. */
export interface ClusterApi {
  core: Pick<
    CoreV1Api,
    | 'listNamespacedPod'
    | 'listNamespacedService'
    | 'readNamespacedService'
    | 'listNamespacedEvent'
    | 'listNode'
    | 'connectGetNamespacedServiceProxyWithPath'
  >;
  apps: Pick<AppsV1Api, 'listNamespacedDeployment' | 'listNamespacedDaemonSet'>;
  /** Argo Rollouts (argoproj.io/v1alpha1 rollouts), when the CRD is installed. */
  custom: Pick<CustomObjectsApi, 'listNamespacedCustomObject'>;
  networking: Pick<NetworkingV1Api, 'listNamespacedNetworkPolicy'>;
  metrics: Pick<Metrics, 'getPodMetrics'>;
}

/** A service's /readyz answer: `checks` maps a dependency to 'ok' | 'failing'. */
export interface Readiness {
  httpStatus: number;
  status: string;
  checks: Record<string, string>;
}

/** What every check reads: options, environment and the clients it may call. */
export interface CheckContext {
  target: 'cluster' | 'local';
  namespace: string;
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  now: () => Date;
  /** Present for the cluster target. */
  cluster?: ClusterApi;
  /** The public host to check TLS on ("host[:port]"), from --host or GOMEET_PUBLIC_HOST. */
  host?: string;
  /** PEM of a private CA to trust, from --ca. */
  ca?: string;
  /** Per-call timeout in milliseconds. */
  timeoutMs: number;
  /** The readiness the data checks fall back to when DATABASE_URL / REDIS_URL are unset. */
  readiness?: Readiness;
}

/**
 * The workloads the runbook names, found by label app=<name> in the namespace, in the shape
 * the manifests give them: coturn is a DaemonSet (one per media node); every other one is a
 * Deployment. In production meeting-service (blue-green) and signaling-service (canary) are
 * Argo Rollouts that take their pod template from the Deployment (workloadRef) and scale it
 * to 0: where a Rollout references the Deployment, the Rollout is what is checked.
 */
export const EXPECTED_WORKLOADS = [
  { app: 'auth-service', kind: 'Deployment' },
  { app: 'meeting-service', kind: 'Deployment' },
  { app: 'signaling-service', kind: 'Deployment' },
  { app: 'chat-service', kind: 'Deployment' },
  { app: 'livekit-sfu', kind: 'Deployment' },
  { app: 'coturn', kind: 'DaemonSet' },
  { app: 'frontend', kind: 'Deployment' },
  { app: 'traefik', kind: 'Deployment' },
] as const;

/** The Deployments among {@link EXPECTED_WORKLOADS}. */
export const EXPECTED_DEPLOYMENTS = EXPECTED_WORKLOADS.filter((w) => w.kind === 'Deployment').map(
  (w) => w.app,
);

/** The services that serve /readyz (our Fastify services; LiveKit, frontend and Traefik do not). */
export const READYZ_SERVICES = [
  'auth-service',
  'meeting-service',
  'signaling-service',
  'chat-service',
] as const;

/** Parses a /readyz body defensively: unknown shapes become an empty check map. */
export function parseReadiness(httpStatus: number, body: unknown): Readiness {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    status?: unknown;
    checks?: unknown;
  };
  const checks: Record<string, string> = {};
  if (typeof b.checks === 'object' && b.checks !== null) {
    for (const [k, v] of Object.entries(b.checks)) if (typeof v === 'string') checks[k] = v;
  }
  return {
    httpStatus,
    status: typeof b.status === 'string' ? b.status : httpStatus === 200 ? 'ok' : 'failing',
    checks,
  };
}
