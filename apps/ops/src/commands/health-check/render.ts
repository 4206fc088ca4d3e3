import type { CheckResult, HealthReport } from './report.js';

/** A check whose status differs from the previous round (or that appeared or vanished). */
export interface CheckChange {
  name: string;
  from: CheckResult['status'] | 'absent';
  to: CheckResult['status'] | 'absent';
  message: string;
}

const LABEL: Record<CheckResult['status'], string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP',
};

/** The report as aligned text lines. */
export function renderReport(report: HealthReport): string[] {
  const width = Math.max(0, ...report.checks.map((c) => c.name.length));
  return [
    `GoMeet ${report.status.toUpperCase()} (target ${report.target}, namespace ${report.namespace}, ${report.checkedAt})`,
    ...report.checks.map((c) => `  ${LABEL[c.status]}  ${c.name.padEnd(width)}  ${c.message}`),
  ];
}

/** What changed between two rounds, by check name. */
export function diffChecks(
  before: readonly CheckResult[],
  after: readonly CheckResult[],
): CheckChange[] {
  const old = new Map(before.map((c) => [c.name, c]));
  const changes: CheckChange[] = [];
  for (const c of after) {
    const was = old.get(c.name);
    if (!was || was.status !== c.status)
      changes.push({
        name: c.name,
        from: was?.status ?? 'absent',
        to: c.status,
        message: c.message,
      });
    old.delete(c.name);
  }
  for (const c of old.values())
    changes.push({ name: c.name, from: c.status, to: 'absent', message: 'no longer checked' });
  return changes;
}

/** Changes as text lines, prefixed with the time and the overall status when it changed. */
export function renderChanges(
  report: HealthReport,
  previous: HealthReport,
  changes: CheckChange[],
): string[] {
  const head =
    report.status === previous.status
      ? `${report.checkedAt}`
      : `${report.checkedAt} GoMeet ${previous.status} → ${report.status}`;
  return [head, ...changes.map((c) => `  ${c.name}: ${c.from} → ${c.to}: ${c.message}`)];
}

/** One-paragraph summary for Slack. */
export function slackSummary(report: HealthReport): string {
  const bad = report.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  const lines = bad.slice(0, 10).map((c) => `• ${c.status.toUpperCase()} ${c.name}: ${c.message}`);
  if (bad.length > 10) lines.push(`• … and ${bad.length - 10} more`);
  return [
    `GoMeet ${report.target}/${report.namespace} is ${report.status.toUpperCase()} at ${report.checkedAt}`,
    ...lines,
  ].join('\n');
}
