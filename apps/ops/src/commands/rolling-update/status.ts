import type { V1Deployment } from '@kubernetes/client-node';
import { KNOWN_SERVICES } from '../scale-services/services.js';
import { readRollout } from './argo.js';
import { imageIn, type RolloutKube } from './kube.js';

/** One service's rollout state, as `status` reports it. */
export interface ServiceStatus {
  service: string;
  kind: 'Deployment' | 'Rollout' | null;
  revision: number | null;
  image: string | null;
  ready: number;
  desired: number;
  /** Complete, Progressing, Paused, Failed (Deployment); Argo's phase (Rollout); NotDeployed. */
  phase: string;
  message: string | null;
}

function deploymentPhase(d: V1Deployment): { phase: string; message: string | null } {
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { phase: 'Failed', message: progressing.message ?? null };
  if (d.spec?.paused) return { phase: 'Paused', message: null };
  const done =
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want;
  return done ? { phase: 'Complete', message: null } : { phase: 'Progressing', message: null };
}

async function statusOf(
  kube: RolloutKube,
  namespace: string,
  service: string,
): Promise<ServiceStatus> {
  const rollout = await readRollout(kube, namespace, service);
  let d: V1Deployment | undefined;
  try {
    d = await kube.apps.readNamespacedDeployment({ name: service, namespace });
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw error;
  }
  if (rollout) {
    const image =
      imageIn(rollout.spec.template?.spec, service) ?? imageIn(d?.spec?.template.spec, service);
    return {
      service,
      kind: 'Rollout',
      revision:
        Number(
          (rollout.metadata as { annotations?: Record<string, string> }).annotations?.[
            'rollout.argoproj.io/revision'
          ] ?? 0,
        ) || null,
      image: image ?? null,
      ready: rollout.status?.readyReplicas ?? 0,
      desired: rollout.spec.replicas ?? 1,
      phase: rollout.status?.phase ?? 'Unknown',
      message: rollout.status?.message ?? null,
    };
  }
  if (!d)
    return {
      service,
      kind: null,
      revision: null,
      image: null,
      ready: 0,
      desired: 0,
      phase: 'NotDeployed',
      message: null,
    };
  return {
    service,
    kind: 'Deployment',
    revision: Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) || null,
    image: imageIn(d.spec?.template.spec, service) ?? null,
    ready: d.status?.readyReplicas ?? 0,
    desired: d.spec?.replicas ?? 1,
    ...deploymentPhase(d),
  };
}

/** Every known service's revision, image, ready/desired and rollout phase. */
export async function rolloutStatus(
  kube: RolloutKube,
  namespace: string,
): Promise<ServiceStatus[]> {
  return Promise.all(KNOWN_SERVICES.map((s) => statusOf(kube, namespace, s)));
}
