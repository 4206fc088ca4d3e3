import { usd } from '../cost-monitor/render.js';
import type { ExpansionPlan } from './expansion.js';
import type { ResourceResult } from './provision.js';

/** The summary table: one row per resource, then the counts. */
export function renderResources(rows: ResourceResult[], title: string): string[] {
  const w = (k: keyof ResourceResult) => Math.max(k.length, ...rows.map((r) => r[k].length));
  const [wr, wn, ws] = [w('resource'), w('name'), w('status')];
  const row = (a: string, b: string, c: string, d: string) =>
    `  ${a.padEnd(wr)}  ${b.padEnd(wn)}  ${c.padEnd(ws)}  ${d}`.trimEnd();
  const count = (s: ResourceResult['status']) => rows.filter((r) => r.status === s).length;
  return [
    title,
    row('RESOURCE', 'NAME', 'STATUS', 'DETAIL'),
    ...rows.map((r) => row(r.resource, r.name, r.status, r.detail)),
    `${count('existed')} existed, ${count('created')} created, ${count('would-create')} to create, ${count('skipped')} skipped`,
  ];
}

/** The expansion plan, one line per pool, then totals, notes and assumptions. */
export function renderExpansion(p: ExpansionPlan): string[] {
  return [
    `Capacity expansion for ${p.cluster} (usage: ${p.usageSource === 'kubernetes-api' ? 'requests vs allocatable from the Kubernetes API' : 'none, node counts only'})`,
    ...p.pools.flatMap((x) => [
      `  ${x.pool}: ${x.count} × ${x.size}${x.utilizationPercent === null ? '' : `, ${x.utilizationPercent}% requested, ${x.neededNow} needed now`} → next ${x.next} nodes: ${usd(x.currentMonthlyUsd)} → ${usd(x.nextMonthlyUsd)}/month`,
      ...(x.participants
        ? [
            `    carries about ${x.participants.now.toLocaleString('en-US')} → ${x.participants.next.toLocaleString('en-US')} participants (${x.participants.perNode.toLocaleString('en-US')} per node)`,
          ]
        : []),
      ...(x.warning ? [`    ! ${x.warning}`] : []),
    ]),
    `  account total ${usd(p.totalMonthlyUsd)} → ${usd(p.nextTotalMonthlyUsd)}/month`,
    'Notes',
    ...p.notes.map((n) => `  - ${n}`),
    'Assumptions',
    ...p.assumptions.map((a) => `  - ${a}`),
  ];
}
