import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { isStatus } from '../../cli/kube.js';
import { describeHpa, type HpaPolicy } from './hpa-policy.js';
import { findHpa, hasRollout, readDeployment, type ScaleKube } from './kube.js';

/** One HPA of the declared policy and what `auto` did with it. */
export interface HpaResult {
  name: string;
  target: string;
  targetKind: 'Deployment' | 'Rollout';
  bounds: string;
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  reason?: string;
}

/** The declared HPA for this namespace, pointed at the Rollout when Argo manages the service. */
function desired(
  declared: V2HorizontalPodAutoscaler,
  namespace: string,
  rollout: boolean,
): V2HorizontalPodAutoscaler {
  const spec = declared.spec!;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: declared.metadata?.name ?? `${spec.scaleTargetRef.name}-hpa`,
      namespace,
      labels: { ...declared.metadata?.labels, 'app.kubernetes.io/managed-by': 'gomeet-ops' },
    },
    spec: {
      ...spec,
      // Under a Rollout with workloadRef the Deployment stays at 0: the Rollout is what scales.
      scaleTargetRef: rollout
        ? { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: spec.scaleTargetRef.name }
        : spec.scaleTargetRef,
    },
  };
}

const same = (a: V2HorizontalPodAutoscaler, b: V2HorizontalPodAutoscaler): boolean => {
  const pick = (h: V2HorizontalPodAutoscaler) =>
    JSON.stringify([
      h.spec?.scaleTargetRef.kind,
      h.spec?.minReplicas ?? 1,
      h.spec?.maxReplicas,
      h.spec?.metrics ?? [],
      h.spec?.behavior?.scaleDown?.selectPolicy ?? null,
    ]);
  return pick(a) === pick(b);
};

/**
 * Creates or updates one HPA from its declared spec; skipped when the service is not deployed.
 * With `dryRun` only reports what it would do.
 */
export async function applyHpa(
  kube: ScaleKube,
  namespace: string,
  declared: V2HorizontalPodAutoscaler,
  dryRun: boolean,
): Promise<HpaResult> {
  const target = declared.spec?.scaleTargetRef.name ?? '';
  const rollout = await hasRollout(kube, namespace, target);
  const want = desired(declared, namespace, rollout);
  const base = {
    name: want.metadata?.name ?? '',
    target,
    targetKind: rollout ? ('Rollout' as const) : ('Deployment' as const),
    bounds: describeHpa(want),
  };
  try {
    await readDeployment(kube, namespace, target);
  } catch {
    return { ...base, action: 'skipped', reason: `deployment/${target} not found` };
  }
  const existing = await findHpa(kube, namespace, target);
  if (existing && same(existing, want)) return { ...base, action: 'unchanged' };
  const action = existing ? 'updated' : 'created';
  if (dryRun) return { ...base, action };
  if (!existing) {
    await kube.autoscaling.createNamespacedHorizontalPodAutoscaler({ namespace, body: want });
  } else {
    const name = existing.metadata?.name ?? base.name;
    const body = {
      ...want,
      metadata: { ...want.metadata, name, resourceVersion: existing.metadata?.resourceVersion },
    };
    try {
      await kube.autoscaling.replaceNamespacedHorizontalPodAutoscaler({ name, namespace, body });
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
      return { ...base, action: 'skipped', reason: 'changed by someone else meanwhile; run again' };
    }
  }
  return { ...base, action };
}

/** `auto`: every HPA of the declared policy, created or brought back to its declared spec. */
export async function applyPolicy(
  kube: ScaleKube,
  namespace: string,
  policy: HpaPolicy,
  dryRun: boolean,
): Promise<HpaResult[]> {
  const results: HpaResult[] = [];
  for (const hpa of policy.hpas) results.push(await applyHpa(kube, namespace, hpa, dryRun));
  return results;
}
