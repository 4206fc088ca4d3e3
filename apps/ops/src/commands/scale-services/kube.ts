import {
  PatchStrategy,
  setHeaderOptions,
  type AppsV1Api,
  type AutoscalingV2Api,
  type CustomObjectsApi,
  type Metrics,
  type V1Deployment,
  type V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { EXIT, ExitError } from '../../cli/exit.js';
import { isStatus } from '../../cli/kube.js';

/** The Kubernetes calls scale-services makes. */
export interface ScaleKube {
  apps: Pick<
    AppsV1Api,
    'readNamespacedDeployment' | 'patchNamespacedDeployment' | 'patchNamespacedDeploymentScale'
  >;
  autoscaling: Pick<
    AutoscalingV2Api,
    | 'listNamespacedHorizontalPodAutoscaler'
    | 'createNamespacedHorizontalPodAutoscaler'
    | 'replaceNamespacedHorizontalPodAutoscaler'
    | 'patchNamespacedHorizontalPodAutoscaler'
  >;
  custom: Pick<CustomObjectsApi, 'getNamespacedCustomObject'>;
  metrics: Pick<Metrics, 'getPodMetrics'>;
}

/** The merge-patch content type, as `kubectl patch --type merge` sends it. */
export const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
/** The strategic-merge content type (containers merged by name). */
export const STRATEGIC = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

/** Reads a Deployment, or throws ExitError(1) naming it and the namespace when it is absent. */
export async function readDeployment(
  kube: Pick<ScaleKube, 'apps'>,
  namespace: string,
  name: string,
): Promise<V1Deployment> {
  try {
    return await kube.apps.readNamespacedDeployment({ name, namespace });
  } catch (error) {
    if (isStatus(error, 404))
      throw new ExitError(
        EXIT.FAILED,
        `deployment/${name} not found in namespace ${namespace}: deploy it first (kubectl apply -k deployment/k8s/overlays/production)`,
      );
    throw error;
  }
}

/** The HPA in the cluster that scales `target` (a Deployment or its Argo Rollout), if any. */
export async function findHpa(
  kube: Pick<ScaleKube, 'autoscaling'>,
  namespace: string,
  target: string,
): Promise<V2HorizontalPodAutoscaler | undefined> {
  const list = await kube.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace });
  return list.items.find((h) => h.spec?.scaleTargetRef.name === target);
}

/** True when an Argo Rollout of this name exists (false too when the CRD is not installed). */
export async function hasRollout(
  kube: Pick<ScaleKube, 'custom'>,
  namespace: string,
  name: string,
): Promise<boolean> {
  try {
    await kube.custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace,
      plural: 'rollouts',
      name,
    });
    return true;
  } catch (error) {
    if (isStatus(error, 404)) return false;
    throw error;
  }
}

/**
 * Polls until the Deployment has `replicas` ready pods of its current template, or the
 * deadline passes; writes progress through `progress`. Resolves to the ready count.
 */
export async function waitForReplicas(
  kube: Pick<ScaleKube, 'apps'>,
  namespace: string,
  name: string,
  replicas: number,
  timeoutMs: number,
  progress: (text: string) => void,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const d = await kube.apps.readNamespacedDeployment({ name, namespace });
    const ready = d.status?.readyReplicas ?? 0;
    const total = d.status?.replicas ?? 0;
    const line = `${name}: ${ready}/${replicas} ready`;
    if (line !== last) progress(line);
    last = line;
    if (ready === replicas && total === replicas) return ready;
    if (Date.now() >= deadline) return ready;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
