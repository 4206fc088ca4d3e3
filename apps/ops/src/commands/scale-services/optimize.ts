import { queryPrometheus } from '../../cli/prometheus.js';
import { parseQuantity } from '../../cli/quantity.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import { isStatus } from '../../cli/kube.js';
import { STRATEGIC, type ScaleKube } from './kube.js';
import { NODE_SERVICES } from './services.js';

/** Observed usage of one service's container: CPU in cores, memory in bytes. */
export interface Usage {
  cpu: number;
  memory: number;
}

/** One row of the `auto --optimize` table. */
export interface Recommendation {
  service: string;
  requests: { cpu: string | null; memory: string | null };
  observed: { cpu: string; memory: string };
  recommended: { cpu: string; memory: string };
  change: boolean;
  applied: boolean;
}

const MI = 2 ** 20;
const formatCpu = (cores: number) => `${Math.round(cores * 1000)}m`;
const formatMemory = (bytes: number) => `${Math.round(bytes / MI)}Mi`;

/**
 * Requests from observed usage: 20 % headroom over the observed peak (p95 with Prometheus),
 * CPU rounded up to 50m (at least 50m), memory up to 64Mi (at least 64Mi).
 */
export function recommend(usage: Usage): { cpu: string; memory: string } {
  const cpu = Math.max(50, Math.ceil((usage.cpu * 1.2 * 1000) / 50) * 50);
  const memory = Math.max(64, Math.ceil((usage.memory * 1.2) / MI / 64) * 64);
  return { cpu: `${cpu}m`, memory: `${memory}Mi` };
}

/** A request differs enough (over 20 %) to be worth a rollout. */
function differs(current: string | null, next: string): boolean {
  const a = parseQuantity(current ?? undefined);
  const b = parseQuantity(next);
  return !Number.isFinite(a) || Math.abs(a - b) / Math.max(a, b) > 0.2;
}

/** Peak usage per container from metrics.k8s.io (one sample: what `kubectl top` shows). */
async function usageFromMetricsApi(
  kube: ScaleKube,
  namespace: string,
): Promise<Map<string, Usage>> {
  let list;
  try {
    list = await kube.metrics.getPodMetrics(namespace);
  } catch (error) {
    // Without metrics-server the API server answers a plain-text "404 page not found", which
    // client-node reports as HTTP 500 "invalid json response body".
    const message = (error as Error).message;
    if (isStatus(error, 404) || /404|not found|invalid json response body/i.test(message))
      throw new ExitError(
        EXIT.UNREACHABLE,
        'no usage data: metrics.k8s.io is not served (DOKS installs metrics-server; check kubectl top pods) and PROMETHEUS_URL is not set',
      );
    throw error;
  }
  const usage = new Map<string, Usage>();
  for (const pod of list.items)
    for (const c of pod.containers) {
      const prev = usage.get(c.name) ?? { cpu: 0, memory: 0 };
      usage.set(c.name, {
        cpu: Math.max(prev.cpu, parseQuantity(c.usage.cpu)),
        memory: Math.max(prev.memory, parseQuantity(c.usage.memory)),
      });
    }
  return usage;
}

/** p95 CPU and peak memory per container over the last 7 days, from Prometheus (cAdvisor). */
async function usageFromPrometheus(
  fetchFn: typeof fetch,
  url: string,
  namespace: string,
): Promise<Map<string, Usage>> {
  const sel = `namespace="${namespace}",container!="",container!="POD"`;
  const cpu = await queryPrometheus(
    fetchFn,
    url,
    `max by (container) (quantile_over_time(0.95, rate(container_cpu_usage_seconds_total{${sel}}[5m])[7d:5m]))`,
  );
  const memory = await queryPrometheus(
    fetchFn,
    url,
    `max by (container) (max_over_time(container_memory_working_set_bytes{${sel}}[7d]))`,
  );
  const usage = new Map<string, Usage>();
  for (const s of cpu) usage.set(s.metric.container ?? '', { cpu: s.value, memory: 0 });
  for (const s of memory) {
    const name = s.metric.container ?? '';
    usage.set(name, { cpu: usage.get(name)?.cpu ?? 0, memory: s.value });
  }
  return usage;
}

/** What `auto --optimize` needs. */
export interface OptimizeInput {
  kube: ScaleKube;
  namespace: string;
  fetch: typeof fetch;
  prometheusUrl: string | undefined;
  apply: boolean;
}

/**
 * Recommends requests for each Node service from observed usage (Prometheus when
 * PROMETHEUS_URL is set, else metrics.k8s.io); with `apply`, patches the changed ones (each
 * patch is a rolling restart; HPA utilisation targets are relative to the new requests).
 */
export async function optimizeRequests(input: OptimizeInput): Promise<{
  source: string;
  rows: Recommendation[];
}> {
  const { kube, namespace } = input;
  const source = input.prometheusUrl ? `prometheus ${input.prometheusUrl} (7 d)` : 'metrics.k8s.io';
  const usage = input.prometheusUrl
    ? await usageFromPrometheus(input.fetch, input.prometheusUrl, namespace)
    : await usageFromMetricsApi(kube, namespace);
  const rows: Recommendation[] = [];
  for (const service of NODE_SERVICES) {
    const observed = usage.get(service);
    if (!observed) continue;
    const d = await kube.apps.readNamespacedDeployment({ name: service, namespace });
    const container = d.spec?.template.spec?.containers.find((c) => c.name === service);
    const requests = {
      cpu: container?.resources?.requests?.cpu ?? null,
      memory: container?.resources?.requests?.memory ?? null,
    };
    const next = recommend(observed);
    const change = differs(requests.cpu, next.cpu) || differs(requests.memory, next.memory);
    rows.push({
      service,
      requests,
      observed: { cpu: formatCpu(observed.cpu), memory: formatMemory(observed.memory) },
      recommended: next,
      change,
      applied: false,
    });
  }
  if (input.apply)
    for (const row of rows.filter((r) => r.change)) {
      await kube.apps.patchNamespacedDeployment(
        {
          name: row.service,
          namespace,
          body: {
            spec: {
              template: {
                spec: {
                  containers: [{ name: row.service, resources: { requests: row.recommended } }],
                },
              },
            },
          },
        },
        STRATEGIC,
      );
      row.applied = true;
    }
  return { source, rows };
}
