import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { EXIT, ExitError } from '../../cli/exit.js';
import { imageIn, ownedReplicaSets, sleep, type RolloutKube } from './kube.js';

const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const STRATEGIC = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const JSON_PATCH = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
const ROLLOUTS = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' } as const;

interface CanaryStep {
  setWeight?: number;
  pause?: { duration?: string | number };
  analysis?: unknown;
}

/** The fields of an Argo Rollout this command reads. */
export interface Rollout {
  metadata: { name: string; uid?: string; generation?: number };
  spec: {
    replicas?: number;
    paused?: boolean;
    selector?: { matchLabels?: Record<string, string> };
    workloadRef?: { kind?: string; name?: string };
    template?: { spec?: { containers?: { name: string; image?: string }[] } };
    strategy?: {
      canary?: { steps?: CanaryStep[] };
      blueGreen?: { autoPromotionEnabled?: boolean };
    };
  };
  status?: {
    phase?: string;
    message?: string;
    abort?: boolean;
    observedGeneration?: string | number;
    currentPodHash?: string;
    stableRS?: string;
    currentStepIndex?: number;
    pauseConditions?: { reason?: string }[] | null;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    replicas?: number;
    canary?: {
      currentStepAnalysisRunStatus?: { name?: string; status?: string; message?: string };
    };
    blueGreen?: { activeSelector?: string; previewSelector?: string };
  };
}

/** The Rollout strategy in use. */
export type RolloutStrategy = 'canary' | 'blue-green';

/** The Argo Rollout named `name`, or undefined (also when the CRD is not installed). */
export async function readRollout(
  kube: RolloutKube,
  namespace: string,
  name: string,
): Promise<Rollout | undefined> {
  try {
    return (await kube.custom.getNamespacedCustomObject({
      ...ROLLOUTS,
      namespace,
      name,
    })) as Rollout;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

/** canary or blue-green, from the Rollout's spec. */
export const strategyOf = (r: Rollout): RolloutStrategy =>
  r.spec.strategy?.blueGreen ? 'blue-green' : 'canary';

/** The template's image: the referenced Deployment's (workloadRef) or the Rollout's own. */
async function templateImage(kube: RolloutKube, namespace: string, r: Rollout, service: string) {
  if (r.spec.workloadRef?.name) {
    const d = await kube.apps.readNamespacedDeployment({
      name: r.spec.workloadRef.name,
      namespace,
    });
    return imageIn(d.spec?.template.spec, service);
  }
  return imageIn(r.spec.template?.spec, service);
}

async function setImage(
  kube: RolloutKube,
  namespace: string,
  r: Rollout,
  service: string,
  image: string,
): Promise<void> {
  if (r.spec.workloadRef?.name) {
    // With workloadRef the Deployment holds the template (at 0 replicas); Argo follows it.
    await kube.apps.patchNamespacedDeployment(
      {
        name: r.spec.workloadRef.name,
        namespace,
        body: { spec: { template: { spec: { containers: [{ name: service, image }] } } } },
      },
      STRATEGIC,
    );
    return;
  }
  const containers = r.spec.template?.spec?.containers ?? [];
  const index = Math.max(
    0,
    containers.findIndex((c) => c.name === service),
  );
  await kube.custom.patchNamespacedCustomObject(
    {
      ...ROLLOUTS,
      namespace,
      name: r.metadata.name,
      body: [
        { op: 'replace', path: `/spec/template/spec/containers/${index}/image`, value: image },
      ],
    },
    JSON_PATCH,
  );
}

/** `kubectl argo rollouts promote`: clears the pause conditions and unpauses the spec. */
async function promote(kube: RolloutKube, namespace: string, r: Rollout): Promise<void> {
  if (r.spec.paused)
    await kube.custom.patchNamespacedCustomObject(
      { ...ROLLOUTS, namespace, name: r.metadata.name, body: { spec: { paused: false } } },
      MERGE,
    );
  await kube.custom.patchNamespacedCustomObjectStatus(
    { ...ROLLOUTS, namespace, name: r.metadata.name, body: { status: { pauseConditions: null } } },
    MERGE,
  );
}

/** The canary weight at a step index: the last setWeight at or before it (100 past the end). */
export function weightAt(steps: CanaryStep[], index: number): number {
  if (index >= steps.length) return 100;
  for (let i = index; i >= 0; i--) {
    const w = steps[i]?.setWeight;
    if (w !== undefined) return w;
  }
  return 0;
}

/** How an Argo rollout ended. */
export interface RolloutOutcome {
  strategy: RolloutStrategy;
  image: { from: string | null; to: string };
  /** Canary weights passed, in order (e.g. 25, 50, 100). */
  weights: number[];
  promotions: number;
  result: 'healthy' | 'unchanged' | 'aborted' | 'timeout';
  phase: string;
  stableRS: string | null;
  message: string;
}

function analysisMessage(r: Rollout): string {
  const a = r.status?.canary?.currentStepAnalysisRunStatus;
  const detail = a?.name ? ` (analysisrun/${a.name}: ${a.status ?? ''} ${a.message ?? ''})` : '';
  return `${r.status?.message ?? 'rollout aborted'}${detail}`.trim();
}

/**
 * Sets the image, then follows the Rollout: logs each canary weight, promotes manual pauses
 * (blue-green's preview, canary's indefinite pauses) and stops at Healthy, at an abort (a failed
 * analysis: Argo already went back to the stable ReplicaSet) or at `timeoutMs`.
 */
export async function updateRollout(input: {
  kube: RolloutKube;
  namespace: string;
  rollout: Rollout;
  service: string;
  image: string;
  timeoutMs: number;
  progress: (text: string) => void;
}): Promise<RolloutOutcome> {
  const { kube, namespace, service, progress } = input;
  const strategy = strategyOf(input.rollout);
  const from = (await templateImage(kube, namespace, input.rollout, service)) ?? null;
  const outcome = (
    r: Rollout,
    result: RolloutOutcome['result'],
    weights: number[],
    promotions: number,
    message: string,
  ): RolloutOutcome => ({
    strategy,
    image: { from, to: input.image },
    weights,
    promotions,
    result,
    phase: r.status?.phase ?? 'Unknown',
    stableRS: r.status?.stableRS ?? null,
    message,
  });
  if (from === input.image)
    return outcome(input.rollout, 'unchanged', [], 0, `already running ${from}`);
  const startHash = input.rollout.status?.currentPodHash;
  await setImage(kube, namespace, input.rollout, service, input.image);
  const steps = input.rollout.spec.strategy?.canary?.steps ?? [];
  const weights: number[] = [];
  let promotions = 0;
  let last = '';
  const deadline = Date.now() + input.timeoutMs;
  for (;;) {
    const r = (await readRollout(kube, namespace, service)) ?? input.rollout;
    const s = r.status ?? {};
    const started = s.currentPodHash !== undefined && s.currentPodHash !== startHash;
    if (s.abort || s.phase === 'Degraded')
      return outcome(r, 'aborted', weights, promotions, analysisMessage(r));
    if (started && strategy === 'canary') {
      const weight = weightAt(steps, s.currentStepIndex ?? 0);
      if (weights.at(-1) !== weight && weight > 0) weights.push(weight);
    }
    const line = `${service}: ${s.phase ?? 'Unknown'}${strategy === 'canary' && started ? ` at ${weights.at(-1) ?? 0} %` : ''}, ${s.readyReplicas ?? 0}/${r.spec.replicas ?? 1} ready${s.message ? ` (${s.message})` : ''}`;
    if (line !== last) progress(line);
    last = line;
    if (started && s.phase === 'Healthy' && s.stableRS === s.currentPodHash) {
      if (strategy === 'canary' && weights.at(-1) !== 100) weights.push(100);
      return outcome(r, 'healthy', weights, promotions, 'rollout healthy on the new ReplicaSet');
    }
    if (started && (s.pauseConditions?.length ?? 0) > 0 && s.phase === 'Paused') {
      const reason = s.pauseConditions?.[0]?.reason ?? 'paused';
      const timed =
        strategy === 'canary' && steps[s.currentStepIndex ?? 0]?.pause?.duration !== undefined;
      if (!timed) {
        progress(`${service}: promoting (${reason})`);
        await promote(kube, namespace, r);
        promotions++;
      }
    }
    if (Date.now() >= deadline)
      return outcome(
        r,
        'timeout',
        weights,
        promotions,
        `not healthy within ${Math.round(input.timeoutMs / 1000)} s (kubectl get rollout ${service} -n ${namespace} -o yaml)`,
      );
    await sleep(1_000);
  }
}

/** The previous revision's image of a Rollout (for rollback), from its ReplicaSets. */
export async function previousRolloutImage(
  kube: RolloutKube,
  namespace: string,
  r: Rollout,
  service: string,
): Promise<string> {
  const selector = Object.entries(r.spec.selector?.matchLabels ?? { app: service })
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const sets = await ownedReplicaSets(kube, namespace, {
    kind: 'Rollout',
    uid: r.metadata.uid ?? '',
    selector,
  });
  const current = await templateImage(kube, namespace, r, service);
  const previous = sets
    .map((rs) => imageIn(rs.spec?.template?.spec, service))
    .find((image) => image && image !== current);
  if (!previous)
    throw new ExitError(EXIT.FAILED, `rollout/${service} has no previous revision to return to`);
  return previous;
}
