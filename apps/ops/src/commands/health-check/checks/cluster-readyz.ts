import {
  parseReadiness,
  READYZ_SERVICES,
  type ClusterApi,
  type Readiness,
} from '../check-context.js';
import { oneLine, result, withTimeout, type CheckResult } from '../report.js';

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

/** /readyz of each of our services; returns the checks and the first readiness read (for data checks). */
export async function clusterReadyzChecks(
  cluster: ClusterApi,
  namespace: string,
  timeoutMs: number,
): Promise<{ checks: CheckResult[]; readiness?: Readiness }> {
  const checks: CheckResult[] = [];
  let first: Readiness | undefined;
  for (const name of READYZ_SERVICES) {
    try {
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
