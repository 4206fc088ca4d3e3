import type { AppsV1Api, CoreV1Api, Metrics, NetworkingV1Api } from '@kubernetes/client-node';

/** The Kubernetes calls health-check makes, and nothing else (tests fake exactly these). */
export interface ClusterApi {
  core: Pick<
    CoreV1Api,
    'listNamespacedPod' | 'listNamespacedService' | 'connectGetNamespacedServiceProxyWithPath'
  >;
  apps: Pick<AppsV1Api, 'listNamespacedDeployment'>;
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

/** The deployments the runbook names, checked by label app=<name> in the namespace. */
export const EXPECTED_DEPLOYMENTS = [
  'auth-service',
  'meeting-service',
  'signaling-service',
  'chat-service',
  'livekit-sfu',
  'frontend',
  'traefik',
] as const;

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
