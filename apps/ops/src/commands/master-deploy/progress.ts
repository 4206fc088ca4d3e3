import { KubectlError, type Kubectl } from './kubectl.js';

/** The ConfigMap that records a deployment's progress, for `--from`. */
export const PROGRESS_CONFIGMAP = 'gomeet-deploy-progress';

/** One phase's outcome as recorded and reported. */
export interface PhaseRecord {
  name: string;
  status: 'done' | 'skipped' | 'failed' | 'planned' | 'not-run';
  durationMs: number;
  detail: string;
}

/** What the progress ConfigMap holds (all as strings in its data). */
export interface Progress {
  runId: string;
  environment: string;
  status: 'running' | 'failed' | 'succeeded';
  tag: string;
  lastCompleted: string;
  failedPhase: string;
  updatedAt: string;
  phases: PhaseRecord[];
}

interface ConfigMap {
  data?: Record<string, string>;
}

/** Reads the recorded progress, or undefined when there is none. */
export async function readProgress(kubectl: Kubectl): Promise<Progress | undefined> {
  const cm = await kubectl.get<ConfigMap>([
    'configmap',
    PROGRESS_CONFIGMAP,
    '-n',
    kubectl.namespace,
  ]);
  const d = cm?.data;
  if (!d) return undefined;
  let phases: PhaseRecord[] = [];
  try {
    phases = JSON.parse(d.phases ?? '[]') as PhaseRecord[];
  } catch {
    phases = [];
  }
  return {
    runId: d.runId ?? '',
    environment: d.environment ?? '',
    status: (d.status as Progress['status'] | undefined) ?? 'failed',
    tag: d.tag ?? '',
    lastCompleted: d.lastCompleted ?? '',
    failedPhase: d.failedPhase ?? '',
    updatedAt: d.updatedAt ?? '',
    phases,
  };
}

/** Creates the namespace when it does not exist yet (the first deployment into a cluster). */
export async function ensureNamespace(kubectl: Kubectl): Promise<void> {
  const r = await kubectl.exec(['get', 'namespace', kubectl.namespace, '-o', 'name']);
  if (r.code === 0) return;
  if (!/NotFound|not found/.test(r.stderr)) throw new KubectlError(['get', 'namespace'], r);
  await kubectl.ok(['create', 'namespace', kubectl.namespace]);
}

/** Writes the progress ConfigMap (server-side apply, our field manager). */
export async function writeProgress(kubectl: Kubectl, progress: Progress): Promise<void> {
  await kubectl.apply([
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: PROGRESS_CONFIGMAP,
        namespace: kubectl.namespace,
        labels: {
          'app.kubernetes.io/part-of': 'gomeet',
          'app.kubernetes.io/managed-by': 'gomeet-ops',
        },
      },
      data: {
        runId: progress.runId,
        environment: progress.environment,
        status: progress.status,
        tag: progress.tag,
        lastCompleted: progress.lastCompleted,
        failedPhase: progress.failedPhase,
        updatedAt: progress.updatedAt,
        phases: JSON.stringify(progress.phases),
      },
    },
  ]);
}
