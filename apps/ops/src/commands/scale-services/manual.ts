import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { participantsPerNode } from '../../capacity/index.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import { DECLARED } from '../cost-monitor/architecture.js';
import { loadPriceTable } from '../cost-monitor/prices.js';
import { findHpa, MERGE, readDeployment, waitForReplicas, type ScaleKube } from './kube.js';
import { applyPoolChanges, doctlFor, type NodePoolApi, type PoolResult } from './node-pools.js';
import type { ServiceName } from './services.js';

/** What `manual SERVICE N` did (or, with --dry-run, would do). */
export interface ManualReport {
  service: ServiceName;
  dryRun: boolean;
  replicas: { from: number; to: number };
  /** The HPA that governs the service, with the bounds raised so it keeps N. */
  hpa: {
    name: string;
    min: { from: number; to: number };
    max: { from: number; to: number };
  } | null;
  /** livekit-sfu only: the media node pool sized to one node per SFU. */
  nodePool: (PoolResult & { command: string }) | null;
  ready: number | null;
  notes: string[];
}

/** What manual scaling needs. */
export interface ManualInput {
  kube: ScaleKube;
  namespace: string;
  service: ServiceName;
  replicas: number;
  dryRun: boolean;
  waitMs: number;
  /** Progress lines (stderr). */
  progress: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The DigitalOcean API when DIGITALOCEAN_TOKEN is set. */
  doApi: NodePoolApi | undefined;
}

/** What `n` media nodes carry by the capacity model (docs/CAPACITY.md), for the operator. */
export function sfuCapacityNote(n: number): string {
  const size = DECLARED.pools.media.size;
  const droplet = loadPriceTable().droplets[size];
  if (!droplet) return `no capacity figure for ${size} (not in the price table)`;
  const c = participantsPerNode(droplet, { perMeeting: 500, downstreamMbps: 1.5 });
  return `capacity model: ${n} × ${size} carry about ${(c.participants * n).toLocaleString('en-US')} participants at 1.5 Mbps down (${c.participants.toLocaleString('en-US')} per node, ${c.limitedBy}-bound; docs/CAPACITY.md).`;
}

/** Parses the replica count: a whole number 0–500. */
export function parseReplicas(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 500)
    throw new ExitError(EXIT.USAGE, `replicas must be a whole number from 0 to 500, not "${text}"`);
  return n;
}

function hpaChange(hpa: V2HorizontalPodAutoscaler, n: number): NonNullable<ManualReport['hpa']> {
  const min = hpa.spec?.minReplicas ?? 1;
  const max = hpa.spec?.maxReplicas ?? min;
  // An HPA would scale a manual count straight back into its bounds: move them to N.
  const to = Math.max(n, 1);
  return {
    name: hpa.metadata?.name ?? '',
    min: { from: min, to },
    max: { from: max, to: Math.max(max, to) },
  };
}

async function sizeMediaPool(
  input: ManualInput,
  notes: string[],
): Promise<ManualReport['nodePool']> {
  const n = input.replicas;
  notes.push(
    `livekit-sfu runs one pod per media node on the host network (required anti-affinity), so ${n} SFUs need ${n} nodes in the gomeet-media pool: the node pool is what scales, the replica count follows it.`,
  );
  notes.push(sfuCapacityNote(n));
  const apply = !input.dryRun && input.doApi !== undefined;
  const [pool] = await applyPoolChanges(apply ? input.doApi : undefined, input.env, [
    { pool: 'gomeet-media', count: n },
  ]);
  if (!pool) return null;
  const result = { ...pool, command: doctlFor(input.env, pool) };
  if (!apply && !input.dryRun) {
    throw new ExitError(
      EXIT.USAGE,
      `DIGITALOCEAN_TOKEN is not set, so the gomeet-media node pool cannot be resized and nothing was changed. Set it and run this again, or run: ${result.command} && ./deployment/digitalocean/scale-services.sh manual livekit-sfu ${n}`,
    );
  }
  return result;
}

/**
 * `manual SERVICE N`: sets the Deployment's scale to N. When an HPA governs it, raises the
 * HPA's bounds to N (otherwise it would undo the change within minutes) and says so; `auto`
 * restores the declared policy. For livekit-sfu the media node pool is sized first.
 */
export async function scaleManually(input: ManualInput): Promise<ManualReport> {
  const { kube, namespace, service, replicas } = input;
  const notes: string[] = [];
  const nodePool = service === 'livekit-sfu' ? await sizeMediaPool(input, notes) : null;
  const deployment = await readDeployment(kube, namespace, service);
  const governing = await findHpa(kube, namespace, service);
  const hpa = governing ? hpaChange(governing, replicas) : null;
  if (hpa)
    notes.push(
      `hpa/${hpa.name} governs ${service}: its bounds move to ${hpa.min.to}–${hpa.max.to} so it keeps ${replicas}; run scale-services.sh auto to return to the declared policy`,
    );
  const report: ManualReport = {
    service,
    dryRun: input.dryRun,
    replicas: { from: deployment.spec?.replicas ?? 1, to: replicas },
    hpa,
    nodePool,
    ready: null,
    notes,
  };
  if (input.dryRun) return report;
  if (hpa)
    await kube.autoscaling.patchNamespacedHorizontalPodAutoscaler(
      {
        name: hpa.name,
        namespace,
        body: { spec: { minReplicas: hpa.min.to, maxReplicas: hpa.max.to } },
      },
      MERGE,
    );
  await kube.apps.patchNamespacedDeploymentScale(
    { name: service, namespace, body: { spec: { replicas } } },
    MERGE,
  );
  report.ready = await waitForReplicas(
    kube,
    namespace,
    service,
    replicas,
    input.waitMs,
    input.progress,
  );
  if (report.ready < replicas)
    notes.push(
      `${report.ready}/${replicas} ready after ${Math.round(input.waitMs / 1000)} s; pods may be waiting for nodes (kubectl get pods -n ${namespace} -l app=${service})`,
    );
  return report;
}
