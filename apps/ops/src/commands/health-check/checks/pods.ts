import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { ClusterApi } from '../check-context.js';
import { result, type CheckResult } from '../report.js';

/** Waiting reasons that mean a container will not start without someone fixing something. */
const BROKEN = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
]);

/** What is wrong with a pod, or undefined when it runs (or finished) normally. */
function podProblem(pod: V1Pod): string | undefined {
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase === 'Succeeded') return undefined;
  for (const c of [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ]) {
    const reason = c.state?.waiting?.reason;
    if (reason && BROKEN.has(reason)) return `${c.name} ${reason}`;
  }
  if (phase === 'Running') return undefined;
  const unschedulable = pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  return unschedulable?.reason ? `${phase} (${unschedulable.reason})` : phase;
}

const list = (items: string[], max = 5) =>
  items.slice(0, max).join(', ') + (items.length > max ? `, … ${items.length - max} more` : '');

/** Pods of the namespace that are not running: pending, failed, crash-looping, image pull errors. */
export async function podChecks(cluster: ClusterApi, namespace: string): Promise<CheckResult[]> {
  const pods = (await cluster.core.listNamespacedPod({ namespace })).items;
  const bad = pods.flatMap((p) => {
    const problem = podProblem(p);
    return problem ? [`${p.metadata?.name ?? '?'}: ${problem}`] : [];
  });
  if (bad.length === 0)
    return [
      result('pods', 'services', 'pass', `all ${pods.length} pod(s) running`, {
        value: 0,
        threshold: 0,
      }),
    ];
  return [
    result(
      'pods',
      'services',
      'warn',
      `${bad.length} of ${pods.length} pod(s) not running: ${list(bad)}`,
      {
        value: bad.length,
        threshold: 0,
      },
    ),
  ];
}

/** Warning events newer than this are reported. */
export const EVENT_WINDOW_MINUTES = 60;

function lastSeen(e: CoreV1Event): Date | undefined {
  const t =
    e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  return t ? new Date(t) : undefined;
}

/**
 * Warning events of the last hour (`kubectl get events -n NS --field-selector type=Warning`),
 * grouped by reason with the objects they are about: failed scheduling, back-offs, failed
 * probes, HPAs that cannot read metrics.
 */
export async function eventChecks(
  cluster: ClusterApi,
  namespace: string,
  now: Date,
): Promise<CheckResult[]> {
  const since = now.getTime() - EVENT_WINDOW_MINUTES * 60_000;
  const events = (
    await cluster.core.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' })
  ).items.filter((e) => (lastSeen(e)?.getTime() ?? 0) >= since);
  if (events.length === 0)
    return [
      result(
        'events',
        'services',
        'pass',
        `no warning events in the last ${EVENT_WINDOW_MINUTES} minutes`,
        {
          value: 0,
          threshold: 0,
        },
      ),
    ];
  const byReason = new Map<string, { count: number; objects: Set<string> }>();
  let total = 0;
  for (const e of events) {
    const count = e.series?.count ?? e.count ?? 1;
    total += count;
    const reason = e.reason ?? 'Unknown';
    const entry = byReason.get(reason) ?? { count: 0, objects: new Set<string>() };
    entry.count += count;
    entry.objects.add(`${e.involvedObject.kind ?? '?'}/${e.involvedObject.name ?? '?'}`);
    byReason.set(reason, entry);
  }
  const reasons = [...byReason.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([reason, { count, objects }]) => `${reason} ×${count} (${list([...objects].sort(), 3)})`);
  return [
    result(
      'events',
      'services',
      'warn',
      `${total} warning event(s) in the last ${EVENT_WINDOW_MINUTES} minutes: ${list(reasons, 4)}`,
      { value: total, threshold: 0 },
    ),
  ];
}
