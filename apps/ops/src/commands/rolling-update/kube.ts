import type {
  AppsV1Api,
  CustomObjectsApi,
  V1Deployment,
  V1ReplicaSet,
} from '@kubernetes/client-node';

/** The Kubernetes calls rolling-update makes. */
export interface RolloutKube {
  apps: Pick<
    AppsV1Api,
    'readNamespacedDeployment' | 'patchNamespacedDeployment' | 'listNamespacedReplicaSet'
  >;
  custom: Pick<
    CustomObjectsApi,
    | 'getNamespacedCustomObject'
    | 'patchNamespacedCustomObject'
    | 'patchNamespacedCustomObjectStatus'
  >;
}

/** The revision annotation of a Deployment's or Rollout's ReplicaSets. */
export const REVISION = {
  Deployment: 'deployment.kubernetes.io/revision',
  Rollout: 'rollout.argoproj.io/revision',
} as const;

/** A ReplicaSet's revision number (0 when unannotated). */
export const revisionOf = (rs: V1ReplicaSet, kind: keyof typeof REVISION): number =>
  Number(rs.metadata?.annotations?.[REVISION[kind]] ?? 0);

/** The ReplicaSets a Deployment or Rollout owns, newest revision first. */
export async function ownedReplicaSets(
  kube: Pick<RolloutKube, 'apps'>,
  namespace: string,
  owner: { kind: 'Deployment' | 'Rollout'; uid: string; selector: string },
): Promise<V1ReplicaSet[]> {
  const list = await kube.apps.listNamespacedReplicaSet({
    namespace,
    labelSelector: owner.selector,
  });
  return list.items
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === owner.uid))
    .sort((a, b) => revisionOf(b, owner.kind) - revisionOf(a, owner.kind));
}

/** `app=<name>,…` from a Deployment's matchLabels. */
export const selectorOf = (d: V1Deployment): string =>
  Object.entries(d.spec?.selector.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** The image of the service's own container in a pod template (by name, else the first). */
export function imageIn(
  spec: { containers?: { name: string; image?: string }[] } | undefined,
  service: string,
): string | undefined {
  const containers = spec?.containers ?? [];
  return (containers.find((c) => c.name === service) ?? containers[0])?.image;
}

/** Waits `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
