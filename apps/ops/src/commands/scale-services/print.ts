import type { Output } from '../../cli/output.js';
import type { HpaResult } from './auto.js';
import type { ManualReport } from './manual.js';
import type { PoolResult } from './node-pools.js';
import type { Recommendation } from './optimize.js';

/** Left-aligned columns, two spaces apart. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** Prints a {@link ManualReport}. */
export function printManual(out: Output, r: ManualReport): void {
  if (out.format === 'json') return out.json(r);
  const would = r.dryRun ? 'would scale' : 'scaled';
  for (const note of r.notes) out.line(note);
  if (r.nodePool) {
    const p = r.nodePool;
    out.line(
      `node pool ${p.applied ? 'resized' : 'change (not applied)'}: ${p.pool} → ${p.after.count} nodes${p.after.autoScale ? ` (autoscale ${p.after.min}–${p.after.max})` : ''}`,
    );
    if (!p.applied) out.line(`  by hand: ${p.command}`);
  }
  if (r.hpa)
    out.line(
      `hpa/${r.hpa.name}: ${r.dryRun ? 'would set' : 'set'} min ${r.hpa.min.from} → ${r.hpa.min.to}, max ${r.hpa.max.from} → ${r.hpa.max.to}`,
    );
  out.line(
    `deployment/${r.service}: ${would} ${r.replicas.from} → ${r.replicas.to} replicas${r.ready === null ? '' : ` (${r.ready} ready)`}`,
  );
}

/** Prints the HPAs `auto` / `create-hpa` applied. */
export function printHpas(
  out: Output,
  r: { dryRun: boolean; source: string; hpas: HpaResult[]; notes: string[] },
): void {
  if (out.format === 'json') return out.json(r);
  for (const note of r.notes) out.line(note);
  out.line(`policy: ${r.source}${r.dryRun ? ' (dry run: nothing changed)' : ''}`);
  const rows = [['HPA', 'TARGET', 'BOUNDS', 'ACTION']];
  for (const h of r.hpas)
    rows.push([
      h.name,
      `${h.targetKind.toLowerCase()}/${h.target}`,
      h.bounds,
      `${r.dryRun && h.action !== 'unchanged' && h.action !== 'skipped' ? 'would be ' : ''}${h.action}${h.reason ? ` (${h.reason})` : ''}`,
    ]);
  for (const line of table(rows)) out.line(line);
}

/** Prints the `auto --optimize` table. */
export function printOptimize(out: Output, r: { source: string; rows: Recommendation[] }): void {
  if (out.format === 'json') return out.json(r);
  out.line(`usage from ${r.source}; recommended = observed peak + 20 %`);
  const rows = [['SERVICE', 'REQUESTS', 'OBSERVED', 'RECOMMENDED', '']];
  for (const x of r.rows)
    rows.push([
      x.service,
      `${x.requests.cpu ?? '-'}/${x.requests.memory ?? '-'}`,
      `${x.observed.cpu}/${x.observed.memory}`,
      `${x.recommended.cpu}/${x.recommended.memory}`,
      x.applied ? 'applied' : x.change ? 'change (--apply)' : 'keep',
    ]);
  for (const line of table(rows)) out.line(line);
}

/** Prints the node-pool autoscale changes. */
export function printPools(
  out: Output,
  r: { dryRun: boolean; pools: (PoolResult & { summary: string; command: string })[] },
): void {
  if (out.format === 'json') return out.json(r);
  out.line(
    'DOKS node-pool autoscaling (the DigitalOcean-managed cluster autoscaler; no cluster-autoscaler Deployment to run)',
  );
  for (const p of r.pools) {
    out.line(`${p.applied ? 'set' : 'would set'} ${p.summary}`);
    if (!p.applied) out.line(`  by hand: ${p.command}`);
  }
}
