import { lastLines } from '../build-images/run-command.js';
import { duration, PhaseFailure, type DeployContext } from './context.js';
import type { KubeObject } from './kubectl.js';
import { WORKLOAD_KINDS } from './manifests.js';

/** Seconds from `--rollout-timeout` (e.g. 600, 10m, 90s). */
export function parseTimeout(text: string): number {
  const m = /^(\d+)(s|m)?$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForArgoRollout(ctx: DeployContext, name: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const r = await ctx.kubectl.get<{ status?: { phase?: string; message?: string } }>([
      'rollout.argoproj.io',
      name,
      '-n',
      ctx.namespace,
    ]);
    const phase = r?.status?.phase;
    if (phase === 'Healthy') return;
    if (phase === 'Degraded')
      throw new Error(`rollout/${name} is Degraded: ${r?.status?.message ?? ''}`);
    if (Date.now() > deadline) throw new Error(`rollout/${name} not Healthy within ${seconds} s`);
    await sleep(2000);
  }
}

/**
 * Waits for every workload in `objects` (Deployments, StatefulSets, DaemonSets with
 * `kubectl rollout status`; Argo Rollouts until Healthy) in parallel, printing each as it ends.
 */
export async function waitForRollouts(
  ctx: DeployContext,
  objects: readonly KubeObject[],
): Promise<string[]> {
  const seconds = parseTimeout(ctx.flags.rolloutTimeout);
  const workloads = objects.filter(
    (o) =>
      WORKLOAD_KINDS.has(o.kind) ||
      (o.kind === 'Rollout' && o.apiVersion.startsWith('argoproj.io/')),
  );
  const started = Date.now();
  const failures: string[] = [];
  await Promise.all(
    workloads.map(async (o) => {
      const ref = `${o.kind.toLowerCase()}/${o.metadata.name}`;
      try {
        if (o.kind === 'Rollout') await waitForArgoRollout(ctx, o.metadata.name, seconds);
        else {
          const r = await ctx.kubectl.exec(
            [
              'rollout',
              'status',
              ref,
              '-n',
              o.metadata.namespace ?? ctx.namespace,
              `--timeout=${seconds}s`,
            ],
            { timeoutMs: (seconds + 30) * 1000 },
          );
          if (r.code !== 0) throw new Error(`${ref}: ${lastLines(r.stderr, 1)}`);
        }
        ctx.note(`  ${ref} rolled out (${duration(Date.now() - started)})`);
      } catch (error) {
        ctx.note(`  ${ref} did not roll out`);
        failures.push((error as Error).message);
      }
    }),
  );
  if (failures.length > 0)
    throw new PhaseFailure(
      `${failures.length} rollout(s) did not finish: ${failures.join('; ')}`,
      `look at the pods: kubectl get pods -n ${ctx.namespace}; kubectl describe pod -n ${ctx.namespace} <pod>`,
    );
  return workloads.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}`);
}
