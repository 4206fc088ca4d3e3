import type { Output } from '../../cli/output.js';
import { duration } from './context.js';
import type { PhaseRecord } from './progress.js';

/** A phase in the report: its record plus what it ran and warned about. */
export interface PhaseReport extends PhaseRecord {
  title: string;
  actions: string[];
  warnings: string[];
}

/** What master-deploy reports, as text or --format json. */
export interface DeployReport {
  environment: string;
  namespace: string;
  dryRun: boolean;
  from: string | null;
  tag: string | null;
  status: 'succeeded' | 'failed' | 'planned';
  durationMs: number;
  phases: PhaseReport[];
  failure: {
    phase: string;
    reason: string;
    hint: string;
    resume: string;
    exitCode: number;
  } | null;
}

/** Prints the plan (dry run) or the summary table with each phase's duration. */
export function printDeployReport(out: Output, report: DeployReport): void {
  if (out.format === 'json') return out.json(report);
  if (report.dryRun) {
    out.line(
      `master-deploy plan for ${report.environment} in namespace ${report.namespace} (dry run: nothing is changed)`,
    );
    report.phases.forEach((p, i) => {
      out.line(
        `${String(i + 1).padStart(2)}. ${p.name}: ${p.title}${p.status === 'skipped' ? ` (skipped: ${p.detail})` : ''}`,
      );
      for (const a of p.actions) out.line(`      - ${a}`);
    });
    return;
  }
  const width = Math.max(...report.phases.map((p) => p.name.length));
  out.line(
    `master-deploy ${report.environment}: ${report.status} in ${duration(report.durationMs)}`,
  );
  out.line(`${'PHASE'.padEnd(width)}  ${'STATUS'.padEnd(8)}  ${'TIME'.padStart(8)}  DETAIL`);
  for (const p of report.phases) {
    const time = p.status === 'done' || p.status === 'failed' ? duration(p.durationMs) : '-';
    out.line(`${p.name.padEnd(width)}  ${p.status.padEnd(8)}  ${time.padStart(8)}  ${p.detail}`);
    for (const w of p.warnings) out.line(`${''.padEnd(width)}  warning: ${w}`);
  }
  if (report.failure) {
    out.line('');
    out.line(`${report.failure.phase} failed: ${report.failure.reason}`);
    out.line(`what to do: ${report.failure.hint}`);
    out.line(`then resume: ${report.failure.resume}`);
  }
}
