import type { V1Pod } from '@kubernetes/client-node';
import { parseQuantity } from '../../../cli/quantity.js';
import type { ClusterApi } from '../check-context.js';
import { oneLine, result, type CheckResult } from '../report.js';

/** A pod using more than this share of its request is a warning. */
export const USAGE_WARN_PERCENT = 90;

type Resource = 'cpu' | 'memory';

function requested(pod: V1Pod, resource: Resource): number {
  return (pod.spec?.containers ?? []).reduce(
    (sum, c) => sum + (parseQuantity(c.resources?.requests?.[resource]) || 0),
    0,
  );
}

function worstUsage(
  pods: V1Pod[],
  usage: Map<string, Record<Resource, number>>,
  resource: Resource,
): CheckResult {
  const name = `pod-${resource}`;
  let worst: { pod: string; percent: number } | undefined;
  let unrequested = 0;
  for (const pod of pods) {
    const podName = pod.metadata?.name ?? '';
    const request = requested(pod, resource);
    const used = usage.get(podName)?.[resource];
    if (used === undefined) continue;
    if (request <= 0) {
      unrequested++;
      continue;
    }
    const percent = Math.round((used / request) * 100);
    if (!worst || percent > worst.percent) worst = { pod: podName, percent };
  }
  const note = unrequested ? `; ${unrequested} pod(s) set no ${resource} request` : '';
  if (!worst)
    return result(
      name,
      'resources',
      unrequested ? 'warn' : 'skip',
      `no pod with both usage and a ${resource} request${note}`,
    );
  const status = worst.percent > USAGE_WARN_PERCENT ? 'warn' : 'pass';
  return result(
    name,
    'resources',
    status,
    `highest: ${worst.pod} at ${worst.percent}% of its ${resource} request${note}`,
    {
      value: worst.percent,
      threshold: USAGE_WARN_PERCENT,
    },
  );
}

/** Pod CPU and memory usage (metrics API) against their requests; skip without metrics-server. */
export async function resourceChecks(
  cluster: ClusterApi | undefined,
  namespace: string,
): Promise<CheckResult[]> {
  if (!cluster)
    return [result('pod-resources', 'resources', 'skip', 'no pod metrics on the local target')];
  let metrics;
  try {
    metrics = await cluster.metrics.getPodMetrics(namespace);
  } catch (error) {
    return [
      result(
        'pod-resources',
        'resources',
        'skip',
        `metrics API unavailable (is metrics-server installed?): ${oneLine(error)}`,
      ),
    ];
  }
  const usage = new Map<string, Record<Resource, number>>();
  for (const m of metrics.items) {
    const sum = (r: Resource) =>
      m.containers.reduce((s, c) => s + (parseQuantity(c.usage[r]) || 0), 0);
    usage.set(m.metadata.name, { cpu: sum('cpu'), memory: sum('memory') });
  }
  const pods = (await cluster.core.listNamespacedPod({ namespace })).items.filter(
    (p) => p.status?.phase === 'Running',
  );
  return [worstUsage(pods, usage, 'cpu'), worstUsage(pods, usage, 'memory')];
}
