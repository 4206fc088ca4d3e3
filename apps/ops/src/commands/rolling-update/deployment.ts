import {
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1PodTemplateSpec,
} from '@kubernetes/client-node';
import { EXIT, ExitError } from '../../cli/exit.js';
import { imageIn, ownedReplicaSets, selectorOf, sleep, type RolloutKube } from './kube.js';

const STRATEGIC = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const JSON_PATCH = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

/** How a Deployment replaces its pods. `drain` is LiveKit's: one node at a time, rooms end first. */
export type DeploymentStrategy = 'rolling' | 'recreate' | 'drain';

/** Where a Deployment rollout ended. */
export interface DeploymentOutcome {
  revision: { from: number; to: number };
  image: { from: string | null; to: string | null };
  replicaSet: { from: string | null; to: string | null };
  /** complete; timeout (exit 1); draining (LiveKit still ending rooms on old nodes: exit 0). */
  result: 'complete' | 'unchanged' | 'timeout' | 'draining' | 'failed';
  ready: string;
  message: string;
}

const revisionOfDeployment = (d: V1Deployment) =>
  Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

async function currentReplicaSet(
  kube: RolloutKube,
  namespace: string,
  d: V1Deployment,
): Promise<string | null> {
  const sets = await ownedReplicaSets(kube, namespace, {
    kind: 'Deployment',
    uid: d.metadata?.uid ?? '',
    selector: selectorOf(d),
  });
  const revision = String(revisionOfDeployment(d));
  return (
    sets.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision)
      ?.metadata?.name ?? null
  );
}

function strategyPatch(strategy: DeploymentStrategy, d: V1Deployment) {
  if (strategy === 'recreate') return { strategy: { type: 'Recreate', rollingUpdate: null } };
  if (strategy === 'drain')
    return {
      // No surge: the new SFU needs the node (and host ports) the old one leaves.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    };
  return d.spec?.strategy?.type === 'RollingUpdate'
    ? {}
    : {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      };
}

/**
 * Polls like `kubectl rollout status` until the new ReplicaSet has every replica available and
 * the old ones are gone, or `timeoutMs` passes. Progress lines go to `progress`.
 */
export async function waitForDeployment(
  kube: RolloutKube,
  namespace: string,
  name: string,
  timeoutMs: number,
  progress: (text: string) => void,
): Promise<{ done: boolean; failed?: string; d: V1Deployment; ready: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const d = await kube.apps.readNamespacedDeployment({ name, namespace });
    const s = d.status ?? {};
    const want = d.spec?.replicas ?? 1;
    const ready = `${s.availableReplicas ?? 0}/${want}`;
    const observed = (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
    const stuck = s.conditions?.find(
      (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
    );
    if (observed && stuck)
      return { done: false, failed: stuck.message ?? 'progress deadline exceeded', d, ready };
    let line = `${name}: waiting for the controller`;
    if (observed) {
      const updated = s.updatedReplicas ?? 0;
      if (updated < want) line = `${name}: ${updated} of ${want} new replicas updated`;
      else if ((s.replicas ?? 0) > updated)
        line = `${name}: ${(s.replicas ?? 0) - updated} old replicas pending termination`;
      else if ((s.availableReplicas ?? 0) < updated)
        line = `${name}: ${s.availableReplicas ?? 0} of ${updated} updated replicas available`;
      else return { done: true, d, ready };
    }
    if (line !== last) progress(line);
    last = line;
    if (Date.now() >= deadline) return { done: false, d, ready };
    await sleep(1_000);
  }
}

async function finish(
  kube: RolloutKube,
  namespace: string,
  name: string,
  before: { d: V1Deployment; rs: string | null; image: string | null },
  wait: { timeoutMs: number; progress: (t: string) => void; draining: boolean },
): Promise<DeploymentOutcome> {
  const waited = await waitForDeployment(kube, namespace, name, wait.timeoutMs, wait.progress);
  const after = waited.d;
  const base = {
    revision: { from: revisionOfDeployment(before.d), to: revisionOfDeployment(after) },
    image: { from: before.image, to: imageIn(after.spec?.template.spec, name) ?? null },
    replicaSet: { from: before.rs, to: await currentReplicaSet(kube, namespace, after) },
    ready: waited.ready,
  };
  if (waited.failed) return { ...base, result: 'failed', message: waited.failed };
  if (waited.done) return { ...base, result: 'complete', message: 'rollout complete' };
  const seconds = Math.round(wait.timeoutMs / 1000);
  return wait.draining
    ? {
        ...base,
        result: 'draining',
        message: `still draining after ${seconds} s: old SFUs leave as their last room ends (or at the drain timeout); follow with rolling-update.sh status`,
      }
    : {
        ...base,
        result: 'timeout',
        message: `not complete after ${seconds} s (kubectl describe deployment/${name} -n ${namespace}); roll back with rolling-update.sh rollback ${name}`,
      };
}

/** What a Deployment update needs. */
export interface DeploymentUpdate {
  kube: RolloutKube;
  namespace: string;
  service: string;
  image: string;
  strategy: DeploymentStrategy;
  /** LiveKit's grace period: how long an old SFU may keep its rooms. */
  drainSeconds: number;
  timeoutMs: number;
  changeCause: string;
  progress: (text: string) => void;
}

/**
 * Sets the image (and the strategy) of a Deployment, then follows the rollout from the old
 * ReplicaSet to the new one within a bounded time.
 */
export async function updateDeployment(u: DeploymentUpdate): Promise<DeploymentOutcome> {
  const { kube, namespace, service } = u;
  const d = await kube.apps.readNamespacedDeployment({ name: service, namespace });
  const image = imageIn(d.spec?.template.spec, service) ?? null;
  const rs = await currentReplicaSet(kube, namespace, d);
  const grace = d.spec?.template.spec?.terminationGracePeriodSeconds;
  const graceChange = u.strategy === 'drain' && grace !== u.drainSeconds;
  if (image === u.image && !graceChange) {
    const revision = revisionOfDeployment(d);
    return {
      revision: { from: revision, to: revision },
      image: { from: image, to: image },
      replicaSet: { from: rs, to: rs },
      result: 'unchanged',
      ready: `${d.status?.availableReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      message: `already running ${image}`,
    };
  }
  const body = {
    metadata: { annotations: { 'kubernetes.io/change-cause': u.changeCause } },
    spec: {
      ...strategyPatch(u.strategy, d),
      template: {
        spec: {
          ...(u.strategy === 'drain' ? { terminationGracePeriodSeconds: u.drainSeconds } : {}),
          containers: [{ name: service, image: u.image }],
        },
      },
    },
  };
  await kube.apps.patchNamespacedDeployment({ name: service, namespace, body }, STRATEGIC);
  return finish(
    kube,
    namespace,
    service,
    { d, rs, image },
    {
      timeoutMs: u.timeoutMs,
      progress: u.progress,
      draining: u.strategy === 'drain',
    },
  );
}

/**
 * `kubectl rollout undo`: puts the previous ReplicaSet's pod template back into the Deployment
 * (without its pod-template-hash label), then follows that rollout.
 */
export async function rollbackDeployment(
  kube: RolloutKube,
  namespace: string,
  service: string,
  timeoutMs: number,
  progress: (text: string) => void,
): Promise<DeploymentOutcome> {
  const d = await kube.apps.readNamespacedDeployment({ name: service, namespace });
  const sets = await ownedReplicaSets(kube, namespace, {
    kind: 'Deployment',
    uid: d.metadata?.uid ?? '',
    selector: selectorOf(d),
  });
  const current = String(revisionOfDeployment(d));
  const previous = sets.find(
    (rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] !== current,
  );
  if (!previous?.spec?.template)
    throw new ExitError(
      EXIT.FAILED,
      `deployment/${service} has no previous revision to return to (kubectl rollout history deployment/${service} -n ${namespace})`,
    );
  const template: V1PodTemplateSpec = structuredClone(previous.spec.template);
  delete template.metadata?.labels?.['pod-template-hash'];
  const rs = sets.find(
    (x) => x.metadata?.annotations?.['deployment.kubernetes.io/revision'] === current,
  );
  await kube.apps.patchNamespacedDeployment(
    {
      name: service,
      namespace,
      body: [{ op: 'replace', path: '/spec/template', value: template }],
    },
    JSON_PATCH,
  );
  return finish(
    kube,
    namespace,
    service,
    { d, rs: rs?.metadata?.name ?? null, image: imageIn(d.spec?.template.spec, service) ?? null },
    { timeoutMs, progress, draining: false },
  );
}
