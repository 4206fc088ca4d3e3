import type { BudgetCheck } from './budget.js';
import type { EfficiencyReport } from './efficiency.js';
import type { Estimate } from './model.js';
import type { Plan } from './plan.js';
import type { RunbookComparison } from './runbook-comparison.js';

/** US dollars with thousands separators and cents. */
export const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The estimate as a table, then its assumptions. */
export function renderEstimate(e: Estimate): string[] {
  const width = Math.max(...e.lines.map((l) => l.item.length));
  return [
    'Monthly cost estimate',
    ...e.lines.map(
      (l) =>
        `  ${l.item.padEnd(width)}  ${String(l.quantity.toLocaleString('en-US')).padStart(10)} ${l.unit.padEnd(13)} × ${usd(l.unitPriceUsd).padStart(9)} = ${usd(l.monthlyUsd).padStart(14)}`,
    ),
    `  ${'infrastructure (without egress)'.padEnd(width)}  ${usd(e.infrastructureMonthlyUsd).padStart(54)}`,
    `  ${'total'.padEnd(width)}  ${usd(e.totalMonthlyUsd).padStart(54)}`,
    'Assumptions',
    ...e.assumptions.map((a) => `  - ${a}`),
  ];
}

/** The runbook's $27,048 set against our estimate of its architecture. */
export function renderComparison(c: RunbookComparison): string[] {
  return [
    'Against the runbook',
    `  runbook "Estimated monthly cost"         ${usd(c.runbookMonthlyUsd)}`,
    `  its components at list prices (6 nodes) ${usd(c.infrastructureMonthlyUsd)}`,
    `  the same at 20 nodes (autoscaling max)   ${usd(c.infrastructureAtMaxNodesUsd)}`,
    `  egress it leaves out                     ${usd(c.egressMonthlyUsd)}`,
    `  total with egress                        ${usd(c.totalWithEgressUsd)}`,
    ...c.leftOut.map((l) => `  - ${l}`),
  ];
}

/** Budget status lines. */
export function renderBudget(b: BudgetCheck): string[] {
  const spend =
    b.monthToDateUsd === null
      ? `estimated month ${usd(b.projectedMonthUsd)}`
      : `month to date ${usd(b.monthToDateUsd)}, projected ${usd(b.projectedMonthUsd)}`;
  return [
    `Budget ${usd(b.budgetUsd)}: ${spend} = ${b.percentOfBudget}% → ${b.status.toUpperCase()}`,
  ];
}

/** The capacity plan, one line per node size. */
export function renderPlan(p: Plan): string[] {
  return [
    `Plan for ${p.input.participants.toLocaleString('en-US')} participants in ${p.meetings} meetings of ${p.input.perMeeting}: ${p.peakEgressGbps} Gbps down at peak, ${p.sfuVcpu} SFU vCPU`,
    ...(p.meetingFitsOneNode
      ? []
      : ['  ! one meeting needs more than one node can carry: LiveKit keeps a room on one node']),
    ...p.options.map(
      (o) =>
        `  ${o.size.padEnd(11)} ${o.vcpus} vCPU ${o.networkGbps} Gbps: ${o.nodesByCpu} nodes by CPU, ${o.nodesByNetwork} by network → ${o.nodes} (${o.limitedBy}; ${o.participantsPerNode.toLocaleString('en-US')} participants per node), ${usd(o.monthlyUsd)}/month incl. ${usd(o.egressMonthlyUsd)} egress, $${o.costPerParticipantHourUsd.toFixed(4)} per participant-hour`,
    ),
    'Assumptions',
    ...p.assumptions.map((a) => `  - ${a}`),
  ];
}

/** Efficiency per workload, worst first. */
export function renderEfficiency(r: EfficiencyReport): string[] {
  const pct = (n: number | null) => (n === null ? 'n/a' : `${n}%`);
  return [
    `Resource efficiency in ${r.namespace}: ${usd(r.idleMonthlyUsd)}/month requested but idle`,
    ...r.workloads.map(
      (w) =>
        `  ${w.workload.padEnd(20)} CPU ${w.cpuUsageCores}/${w.cpuRequestCores} cores (${pct(w.cpuEfficiencyPercent)}), memory ${w.memoryUsageMiB}/${w.memoryRequestMiB} MiB (${pct(w.memoryEfficiencyPercent)}), idle ${usd(w.idleMonthlyUsd)}${w.recommendation ? `\n    → ${w.recommendation}` : ''}`,
    ),
    ...r.assumptions.map((a) => `  - ${a}`),
  ];
}
