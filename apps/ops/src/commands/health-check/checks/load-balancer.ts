import type { ClusterApi } from '../check-context.js';
import { result, type CheckResult } from '../report.js';

/** Every Service of type LoadBalancer in the namespace has an external IP (or hostname). */
export async function loadBalancerChecks(
  cluster: ClusterApi | undefined,
  namespace: string,
): Promise<CheckResult[]> {
  if (!cluster)
    return [result('load-balancer', 'network', 'skip', 'no load balancer on the local target')];
  const services = (await cluster.core.listNamespacedService({ namespace })).items.filter(
    (s) => s.spec?.type === 'LoadBalancer',
  );
  if (services.length === 0)
    return [
      result(
        'load-balancer',
        'network',
        'fail',
        `no Service of type LoadBalancer in namespace ${namespace}`,
      ),
    ];
  return services.map((s) => {
    const name = s.metadata?.name ?? 'unnamed';
    const ingress = s.status?.loadBalancer?.ingress?.[0];
    const address = ingress?.ip ?? ingress?.hostname;
    return address
      ? result(`load-balancer/${name}`, 'network', 'pass', `external address ${address}`, {
          value: address,
        })
      : result(`load-balancer/${name}`, 'network', 'fail', 'no external IP yet (pending)');
  });
}
