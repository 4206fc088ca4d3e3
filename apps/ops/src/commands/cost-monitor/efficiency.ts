import type { CoreV1Api, Metrics, V1Pod } from '@kubernetes/client-node';
import { parseQuantity } from '../../cli/quantity.js';
import type { DropletPrice } from './prices.js';

/** The Kubernetes calls `efficiency` makes (tests fake exactly these). */
export interface EfficiencyApi {
  core: Pick<CoreV1Api, 'listNamespacedPod'>;
  metrics: Pick<Metrics, 'getPodMetrics'>;
}

/** Usage against requests for one workload (pods grouped by their app label). */
export interface WorkloadEfficiency {
  workload: string;
  pods: number;
  cpuRequestCores: number;
  cpuUsageCores: number;
  cpuEfficiencyPercent: number | null;
  memoryRequestMiB: number;
  memoryUsageMiB: number;
  memoryEfficiencyPercent: number | null;
  idleMonthlyUsd: number;
  recommendation: string | null;
}

/** The efficiency report: workloads worst first, and the idle cost of requested but unused CPU and memory. */
export interface EfficiencyReport {
  namespace: string;
  nodeSize: string;
  workloads: WorkloadEfficiency[];
  idleMonthlyUsd: number;
  assumptions: string[];
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const percent = (used: number, requested: number) =>
  requested > 0 ? Math.round((used / requested) * 100) : null;

function workloadOf(pod: V1Pod): string {
  return (
    pod.metadata?.labels?.app ??
    pod.metadata?.labels?.['app.kubernetes.io/name'] ??
    pod.metadata?.name ??
    'unknown'
  );
}

function recommend(w: Omit<WorkloadEfficiency, 'recommendation'>): string | null {
  const perPod = (cores: number) => `${Math.max(10, Math.ceil(((cores * 1.3) / w.pods) * 1000))}m`;
  if (w.cpuEfficiencyPercent !== null && w.cpuEfficiencyPercent < 40) {
    return `lower the CPU request to ~${perPod(w.cpuUsageCores)} per pod (usage + 30%), from ${Math.round((w.cpuRequestCores / w.pods) * 1000)}m`;
  }
  if (w.cpuEfficiencyPercent !== null && w.cpuEfficiencyPercent > 90)
    return `raise the CPU request to ~${perPod(w.cpuUsageCores)} per pod: it runs above 90% of it`;
  if (w.memoryEfficiencyPercent !== null && w.memoryEfficiencyPercent < 40) {
    return `lower the memory request to ~${Math.ceil((w.memoryUsageMiB * 1.3) / w.pods)}Mi per pod (usage + 30%)`;
  }
  if (w.cpuEfficiencyPercent === null)
    return 'set CPU and memory requests so the scheduler and autoscaler can plan';
  return null;
}

/**
 * Groups running pods by workload and sets metrics-API usage against requests. Idle cost prices
 * unused requested capacity at the node's cost per vCPU and per GiB, half each.
 */
export async function analyseEfficiency(
  api: EfficiencyApi,
  namespace: string,
  nodeSize: string,
  node: DropletPrice,
): Promise<EfficiencyReport> {
  const [pods, metrics] = await Promise.all([
    api.core.listNamespacedPod({ namespace }),
    api.metrics.getPodMetrics(namespace),
  ]);
  const usage = new Map(metrics.items.map((m) => [m.metadata.name, m.containers]));
  const perVcpu = node.priceMonthly / 2 / node.vcpus;
  const perGiB = node.priceMonthly / 2 / node.memoryGiB;
  const groups = new Map<string, V1Pod[]>();
  for (const pod of pods.items.filter((p) => p.status?.phase === 'Running'))
    groups.set(workloadOf(pod), [...(groups.get(workloadOf(pod)) ?? []), pod]);
  const workloads = [...groups].map(([workload, list]): WorkloadEfficiency => {
    const sumRequests = (r: 'cpu' | 'memory') =>
      list.reduce(
        (s, p) =>
          s +
          (p.spec?.containers ?? []).reduce(
            (t, c) => t + (parseQuantity(c.resources?.requests?.[r]) || 0),
            0,
          ),
        0,
      );
    const sumUsage = (r: 'cpu' | 'memory') =>
      list.reduce(
        (s, p) =>
          s +
          (usage.get(p.metadata?.name ?? '') ?? []).reduce(
            (t, c) => t + (parseQuantity(c.usage[r]) || 0),
            0,
          ),
        0,
      );
    const cpuRequest = sumRequests('cpu');
    const cpuUsage = sumUsage('cpu');
    const memRequest = sumRequests('memory') / 2 ** 20;
    const memUsage = sumUsage('memory') / 2 ** 20;
    const idle =
      Math.max(0, cpuRequest - cpuUsage) * perVcpu +
      (Math.max(0, memRequest - memUsage) / 1024) * perGiB;
    const w = {
      workload,
      pods: list.length,
      cpuRequestCores: round(cpuRequest, 3),
      cpuUsageCores: round(cpuUsage, 3),
      cpuEfficiencyPercent: percent(cpuUsage, cpuRequest),
      memoryRequestMiB: Math.round(memRequest),
      memoryUsageMiB: Math.round(memUsage),
      memoryEfficiencyPercent: percent(memUsage, memRequest),
      idleMonthlyUsd: round(idle),
    };
    return { ...w, recommendation: recommend(w) };
  });
  workloads.sort(
    (a, b) => b.idleMonthlyUsd - a.idleMonthlyUsd || a.workload.localeCompare(b.workload),
  );
  return {
    namespace,
    nodeSize,
    workloads,
    idleMonthlyUsd: round(workloads.reduce((s, w) => s + w.idleMonthlyUsd, 0)),
    assumptions: [
      `usage is the metrics API's current sample, not a peak: check it at busy hours before lowering requests`,
      `idle cost: unused requested vCPU at $${round(perVcpu)}/month and GiB at $${round(perGiB)}/month (half of a ${nodeSize} node's price each)`,
    ],
  };
}
