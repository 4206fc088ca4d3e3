import type { Output } from '../../cli/output.js';
import { table } from '../scale-services/print.js';
import type { RolloutOutcome } from './argo.js';
import type { DeploymentOutcome } from './deployment.js';
import type { ServiceStatus } from './status.js';

/** What `update` / `rollback` report. */
export interface UpdateReport {
  service: string;
  action: 'update' | 'rollback';
  strategy: string;
  image: string | null;
  dryRun: boolean;
  notes: string[];
  deployment: DeploymentOutcome | null;
  rollout: RolloutOutcome | null;
}

/** Prints an {@link UpdateReport}. */
export function printUpdate(out: Output, r: UpdateReport): void {
  if (out.format === 'json') return out.json(r);
  for (const note of r.notes) out.line(note);
  if (r.dryRun) {
    out.line(
      `would ${r.action} ${r.service}${r.image ? ` to ${r.image}` : ' to its previous revision'} (${r.strategy}); nothing changed`,
    );
    return;
  }
  const d = r.deployment;
  if (d) {
    out.line(`${r.service}: ${d.image.from ?? '?'} → ${d.image.to ?? '?'} (${r.strategy})`);
    out.line(
      `  revision ${d.revision.from} → ${d.revision.to}, replicaset ${d.replicaSet.from ?? '-'} → ${d.replicaSet.to ?? '-'}, ${d.ready} available`,
    );
    out.line(`  ${d.result}: ${d.message}`);
  }
  const a = r.rollout;
  if (a) {
    out.line(`${r.service}: ${a.image.from ?? '?'} → ${a.image.to} (argo ${a.strategy})`);
    if (a.weights.length) out.line(`  canary weights: ${a.weights.join(' → ')} %`);
    if (a.promotions) out.line(`  promoted ${a.promotions} time(s)`);
    out.line(`  ${a.result} (${a.phase}): ${a.message}`);
    if (a.result === 'aborted')
      out.line(`  Argo aborted the update and serves the stable ReplicaSet ${a.stableRS ?? ''}`);
  }
}

/** Prints the `status` table. */
export function printStatus(out: Output, services: ServiceStatus[]): void {
  if (out.format === 'json') return out.json({ services });
  const rows = [['SERVICE', 'KIND', 'REVISION', 'IMAGE', 'READY', 'PHASE']];
  for (const s of services)
    rows.push([
      s.service,
      s.kind ?? '-',
      s.revision === null ? '-' : String(s.revision),
      s.image ?? '-',
      `${s.ready}/${s.desired}`,
      `${s.phase}${s.message ? ` (${s.message})` : ''}`,
    ]);
  for (const line of table(rows)) out.line(line);
}
