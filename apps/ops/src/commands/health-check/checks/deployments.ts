import type { V1Deployment } from '@kubernetes/client-node';
import { EXPECTED_DEPLOYMENTS, type ClusterApi } from '../check-context.js';
import { result, type CheckResult } from '../report.js';

function appLabel(d: V1Deployment): string | undefined {
  return d.metadata?.labels?.app ?? d.spec?.selector?.matchLabels?.app;
}

function replicaCheck(app: string, found: V1Deployment[]): CheckResult {
  const desired = found.reduce((n, d) => n + (d.spec?.replicas ?? 1), 0);
  const ready = found.reduce((n, d) => n + (d.status?.readyReplicas ?? 0), 0);
  const status = ready >= desired ? 'pass' : ready > 0 ? 'warn' : 'fail';
  return result(`deployment/${app}`, 'services', status, `${ready}/${desired} replicas ready`, {
    value: ready,
    threshold: desired,
  });
}

/** Replica readiness of every expected deployment (label app=<name>) and any other labelled one. */
export async function deploymentChecks(
  cluster: ClusterApi,
  namespace: string,
): Promise<CheckResult[]> {
  const list = await cluster.apps.listNamespacedDeployment({ namespace });
  const byApp = new Map<string, V1Deployment[]>();
  for (const d of list.items) {
    const app = appLabel(d);
    if (app) byApp.set(app, [...(byApp.get(app) ?? []), d]);
  }
  const results: CheckResult[] = [];
  for (const app of EXPECTED_DEPLOYMENTS) {
    const found = byApp.get(app);
    results.push(
      found
        ? replicaCheck(app, found)
        : result(
            `deployment/${app}`,
            'services',
            'fail',
            `no Deployment labelled app=${app} in namespace ${namespace}`,
            { value: 0, threshold: 1 },
          ),
    );
  }
  const others = [...byApp.keys()]
    .filter((a) => !(EXPECTED_DEPLOYMENTS as readonly string[]).includes(a))
    .sort();
  for (const app of others) results.push(replicaCheck(app, byApp.get(app) ?? []));
  return results;
}
