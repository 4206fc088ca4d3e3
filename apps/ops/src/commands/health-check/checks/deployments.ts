import type { V1DaemonSet, V1Deployment } from '@kubernetes/client-node';
import { EXPECTED_WORKLOADS, type ClusterApi } from '../check-context.js';
import { result, type CheckResult } from '../report.js';

/** An Argo Rollout as the API returns it (argoproj.io/v1alpha1; no typed client). */
interface Rollout {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: {
    replicas?: number;
    paused?: boolean;
    selector?: { matchLabels?: Record<string, string> };
    workloadRef?: { kind?: string; name?: string };
    strategy?: { canary?: unknown; blueGreen?: unknown };
  };
  status?: {
    phase?: string;
    message?: string;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
  };
}

const ROLLOUTS = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' };

function appOf(o: {
  metadata?: { labels?: Record<string, string> };
  spec?: { selector?: { matchLabels?: Record<string, string> } };
}): string | undefined {
  return o.metadata?.labels?.app ?? o.spec?.selector?.matchLabels?.app;
}

function groupByApp<T extends { metadata?: { labels?: Record<string, string> } }>(
  items: T[],
): Map<string, T[]> {
  const byApp = new Map<string, T[]>();
  for (const item of items) {
    const app = appOf(item);
    if (app) byApp.set(app, [...(byApp.get(app) ?? []), item]);
  }
  return byApp;
}

/** The namespace's Rollouts; none when the Argo Rollouts CRD is not installed. */
async function listRollouts(cluster: ClusterApi, namespace: string): Promise<Rollout[]> {
  try {
    const list = (await cluster.custom.listNamespacedCustomObject({ ...ROLLOUTS, namespace })) as {
      items?: Rollout[];
    };
    return list.items ?? [];
  } catch (error) {
    if ((error as { code?: number }).code === 404) return [];
    throw error;
  }
}

function readyStatus(ready: number, desired: number) {
  return ready >= desired ? 'pass' : ready > 0 ? 'warn' : 'fail';
}

function deploymentCheck(app: string, found: V1Deployment[]): CheckResult {
  const desired = found.reduce((n, d) => n + (d.spec?.replicas ?? 1), 0);
  const ready = found.reduce((n, d) => n + (d.status?.readyReplicas ?? 0), 0);
  const name = `deployment/${app}`;
  if (desired === 0)
    return result(name, 'services', 'warn', 'scaled to 0 replicas: nothing serves', {
      value: 0,
      threshold: 0,
    });
  return result(
    name,
    'services',
    readyStatus(ready, desired),
    `${ready}/${desired} replicas ready`,
    {
      value: ready,
      threshold: desired,
    },
  );
}

function daemonSetCheck(app: string, found: V1DaemonSet[]): CheckResult {
  const desired = found.reduce((n, d) => n + (d.status?.desiredNumberScheduled ?? 0), 0);
  const ready = found.reduce((n, d) => n + (d.status?.numberReady ?? 0), 0);
  const name = `daemonset/${app}`;
  if (desired === 0)
    return result(name, 'services', 'fail', 'scheduled on no node (is its node pool empty?)', {
      value: 0,
      threshold: 1,
    });
  return result(
    name,
    'services',
    readyStatus(ready, desired),
    `${ready}/${desired} pods ready (one per node)`,
    { value: ready, threshold: desired },
  );
}

function strategyOf(r: Rollout): string {
  const s = r.spec?.strategy ?? {};
  return s.blueGreen ? 'blue-green' : s.canary ? 'canary' : 'no strategy';
}

/**
 * A Rollout with workloadRef: Argo scales the referenced Deployment to 0 and runs the pods
 * itself, so its status (not the Deployment's) says what serves. Without status the Argo
 * controller never reconciled it: the Deployment's own pods still serve, but no canary or
 * blue-green step and no HPA on the Rollout works.
 */
function rolloutCheck(app: string, rollout: Rollout, deployments: V1Deployment[]): CheckResult {
  const name = `rollout/${app}`;
  const kind = strategyOf(rollout);
  const status = rollout.status;
  if (!status?.phase) {
    const served = deploymentCheck(app, deployments);
    const serves = deployments.length
      ? `Deployment ${deployments.map((d) => d.metadata?.name).join(', ')} serves ${served.message}`
      : 'no Deployment serves it either';
    return result(
      name,
      'services',
      served.status === 'pass' ? 'warn' : 'fail',
      `Rollout (${kind}) not reconciled: no status from the Argo Rollouts controller (is it running?); ${serves}`,
      { value: served.value, threshold: served.threshold },
    );
  }
  const desired = rollout.spec?.replicas ?? 1;
  const ready = status.availableReplicas ?? status.readyReplicas ?? 0;
  const counts = `${ready}/${desired} replicas available`;
  const note = status.message ? ` (${status.message})` : '';
  const extra = { value: ready, threshold: desired };
  if (status.phase === 'Degraded')
    return result(name, 'services', 'fail', `Rollout (${kind}) Degraded${note}: ${counts}`, extra);
  if (status.phase === 'Paused' || rollout.spec?.paused)
    return result(name, 'services', 'warn', `Rollout (${kind}) paused${note}: ${counts}`, extra);
  return result(
    name,
    'services',
    readyStatus(ready, desired),
    `Rollout (${kind}) ${status.phase}: ${counts}`,
    extra,
  );
}

/**
 * Readiness of every expected workload (label app=<name>) in its production shape —
 * Deployment, DaemonSet (coturn), or Argo Rollout over a Deployment — and of any other
 * labelled Deployment.
 */
export async function deploymentChecks(
  cluster: ClusterApi,
  namespace: string,
): Promise<CheckResult[]> {
  const [deployments, daemonSets, rollouts] = await Promise.all([
    cluster.apps.listNamespacedDeployment({ namespace }).then((l) => groupByApp(l.items)),
    cluster.apps.listNamespacedDaemonSet({ namespace }).then((l) => groupByApp(l.items)),
    listRollouts(cluster, namespace),
  ]);
  const rolloutFor = (app: string) =>
    rollouts.find(
      (r) =>
        (r.spec?.workloadRef?.kind === 'Deployment' && r.spec.workloadRef.name === app) ||
        (!r.spec?.workloadRef && appOf(r) === app),
    );
  const results: CheckResult[] = [];
  const missing = (kind: string, app: string) =>
    result(
      `${kind.toLowerCase()}/${app}`,
      'services',
      'fail',
      `no ${kind} labelled app=${app} in namespace ${namespace}`,
      { value: 0, threshold: 1 },
    );
  for (const { app, kind } of EXPECTED_WORKLOADS) {
    if (kind === 'DaemonSet') {
      const found = daemonSets.get(app);
      results.push(found ? daemonSetCheck(app, found) : missing(kind, app));
      continue;
    }
    const rollout = rolloutFor(app);
    const found = deployments.get(app);
    if (rollout) results.push(rolloutCheck(app, rollout, found ?? []));
    else results.push(found ? deploymentCheck(app, found) : missing(kind, app));
  }
  const expected = new Set<string>(EXPECTED_WORKLOADS.map((w) => w.app));
  for (const app of [...deployments.keys()].filter((a) => !expected.has(a)).sort()) {
    const rollout = rolloutFor(app);
    const found = deployments.get(app) ?? [];
    results.push(rollout ? rolloutCheck(app, rollout, found) : deploymentCheck(app, found));
  }
  return results;
}
