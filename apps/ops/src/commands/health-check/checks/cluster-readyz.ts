import {
  parseReadiness,
  READYZ_SERVICES,
  type ClusterApi,
  type Readiness,
} from '../check-context.js';
import { withTimeout } from '@gomeet/platform/helpers';
import { oneLine, result, type CheckResult } from '../report.js';

interface ApiFailure {
  code?: number;
  body?: unknown;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return {};
  }
}

/** One service's /readyz through the API server's service proxy; a 503 comes back as an error. */
export async function readServiceReadiness(
  cluster: ClusterApi,
  namespace: string,
  name: string,
  timeoutMs: number,
): Promise<Readiness> {
  try {
    const body = await withTimeout(
      cluster.core.connectGetNamespacedServiceProxyWithPath({ name, namespace, path: 'readyz' }),
      timeoutMs,
      `${name} /readyz`,
    );
    return parseReadiness(200, parseBody(body));
  } catch (error) {
    const failure = error as ApiFailure;
    if (typeof failure.code === 'number')
      return parseReadiness(failure.code, parseBody(failure.body));
    throw error;
  }
}

/** Nodes kwok simulates (annotation kwok.x-k8s.io/node): their pods run no process. */
async function simulatedNodes(cluster: ClusterApi): Promise<Set<string>> {
  try {
    const nodes = (await cluster.core.listNode()).items;
    return new Set(
      nodes
        .filter((n) => n.metadata?.annotations?.['kwok.x-k8s.io/node'] !== undefined)
        .map((n) => n.metadata?.name ?? ''),
    );
  } catch {
    // Listing nodes needs a cluster-wide permission; without it, assume real nodes.
    return new Set();
  }
}

/**
 * What stands behind the Service before asking the API server to proxy to it: a missing
 * Service or one without ready pods fails at once (the proxy would only time out), and pods
 * that all run on simulated nodes have nothing to answer, so the check is skipped.
 */
async function backingPods(
  cluster: ClusterApi,
  namespace: string,
  name: string,
  simulated: () => Promise<Set<string>>,
): Promise<CheckResult | undefined> {
  let selector: Record<string, string> | undefined;
  try {
    selector = (await cluster.core.readNamespacedService({ name, namespace })).spec?.selector;
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw error;
    return result(`readyz/${name}`, 'services', 'fail', `no Service ${name} in ${namespace}`, {
      threshold: 200,
    });
  }
  if (!selector || Object.keys(selector).length === 0) return undefined;
  const labelSelector = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = (await cluster.core.listNamespacedPod({ namespace, labelSelector })).items.filter(
    (p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  if (pods.length === 0)
    return result(`readyz/${name}`, 'services', 'fail', `no ready pod behind Service ${name}`, {
      value: 0,
      threshold: 200,
    });
  const fake = await simulated();
  if (pods.every((p) => fake.has(p.spec?.nodeName ?? '')))
    return result(
      `readyz/${name}`,
      'services',
      'skip',
      `its ${pods.length} ready pod(s) run on simulated (kwok) nodes: no process serves /readyz`,
    );
  return undefined;
}

/** /readyz of each of our services; returns the checks and the first readiness read (for data checks). */
export async function clusterReadyzChecks(
  cluster: ClusterApi,
  namespace: string,
  timeoutMs: number,
): Promise<{ checks: CheckResult[]; readiness?: Readiness }> {
  const checks: CheckResult[] = [];
  let first: Readiness | undefined;
  let nodes: Promise<Set<string>> | undefined;
  const simulated = () => (nodes ??= simulatedNodes(cluster));
  for (const name of READYZ_SERVICES) {
    try {
      const early = await backingPods(cluster, namespace, name, simulated);
      if (early) {
        checks.push(early);
        continue;
      }
      const r = await readServiceReadiness(cluster, namespace, name, timeoutMs);
      first ??= r;
      const failing = Object.entries(r.checks)
        .filter(([, v]) => v !== 'ok')
        .map(([k]) => k);
      const ok = r.httpStatus === 200;
      const message = ok
        ? 'ready'
        : `not ready (${r.httpStatus}${failing.length ? `: ${failing.join(', ')} failing` : ''})`;
      checks.push(
        result(`readyz/${name}`, 'services', ok ? 'pass' : 'fail', message, {
          value: r.httpStatus,
          threshold: 200,
        }),
      );
    } catch (error) {
      checks.push(
        result(
          `readyz/${name}`,
          'services',
          'fail',
          `unreachable through the API server proxy: ${oneLine(error)}`,
          { threshold: 200 },
        ),
      );
    }
  }
  return first ? { checks, readiness: first } : { checks };
}
