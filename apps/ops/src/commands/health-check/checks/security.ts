import type { V1Container, V1Pod } from '@kubernetes/client-node';
import type { ClusterApi } from '../check-context.js';
import { result, type CheckResult } from '../report.js';

function runsAsNonRoot(pod: V1Pod, c: V1Container): boolean {
  const podCtx = pod.spec?.securityContext;
  const user = c.securityContext?.runAsUser ?? podCtx?.runAsUser;
  if (user !== undefined) return user !== 0;
  return (c.securityContext?.runAsNonRoot ?? podCtx?.runAsNonRoot) === true;
}

function offenders(pods: V1Pod[], ok: (pod: V1Pod, c: V1Container) => boolean): string[] {
  const names = new Set<string>();
  for (const pod of pods)
    for (const c of pod.spec?.containers ?? [])
      if (!ok(pod, c)) names.add(`${pod.metadata?.name ?? '?'}/${c.name}`);
  return [...names].sort();
}

function postureResult(name: string, what: string, bad: string[], total: number): CheckResult {
  const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ', …' : '');
  return bad.length === 0
    ? result(name, 'security', 'pass', `all ${total} container(s) ${what}`, {
        value: 0,
        threshold: 0,
      })
    : result(name, 'security', 'warn', `${bad.length} container(s) do not ${what}: ${shown}`, {
        value: bad.length,
        threshold: 0,
      });
}

/** Security posture: containers run as non-root with a read-only root filesystem; NetworkPolicies exist. */
export async function securityChecks(
  cluster: ClusterApi | undefined,
  namespace: string,
): Promise<CheckResult[]> {
  if (!cluster) return [result('security', 'security', 'skip', 'pod security is a cluster check')];
  const pods = (await cluster.core.listNamespacedPod({ namespace })).items;
  const total = pods.reduce((n, p) => n + (p.spec?.containers.length ?? 0), 0);
  const policies = (await cluster.networking.listNamespacedNetworkPolicy({ namespace })).items
    .length;
  return [
    postureResult('pods-non-root', 'run as non-root', offenders(pods, runsAsNonRoot), total),
    postureResult(
      'read-only-root-filesystem',
      'have a read-only root filesystem',
      offenders(pods, (_p, c) => c.securityContext?.readOnlyRootFilesystem === true),
      total,
    ),
    policies > 0
      ? result(
          'network-policies',
          'security',
          'pass',
          `${policies} NetworkPolicy object(s) in ${namespace}`,
          { value: policies, threshold: 1 },
        )
      : result(
          'network-policies',
          'security',
          'warn',
          `no NetworkPolicy in ${namespace}: every pod accepts traffic from anywhere`,
          { value: 0, threshold: 1 },
        ),
  ];
}
