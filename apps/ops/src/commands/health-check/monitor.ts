import type { Output } from '../../cli/output.js';
import { diffChecks, renderChanges, renderReport, slackSummary } from './render.js';
import type { HealthReport } from './report.js';
import { postToSlack } from './slack.js';

/** How a health-check run behaves between rounds. */
export interface MonitorOptions {
  /** Seconds between rounds; undefined for a single run. */
  intervalSeconds?: number;
  /** Stop after this many rounds (continuous mode). */
  maxIterations?: number;
  slackWebhook?: string;
  signal?: AbortSignal;
  stdout: NodeJS.WritableStream;
  fetch: typeof fetch;
  timeoutMs: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function notify(out: Output, options: MonitorOptions, report: HealthReport): Promise<void> {
  if (!options.slackWebhook) return;
  const failure = await postToSlack(
    options.fetch,
    options.slackWebhook,
    slackSummary(report),
    options.timeoutMs,
  );
  if (failure) out.warn(`Slack notification not delivered: ${failure}`);
  else out.verbose('Slack notified');
}

function printFirst(out: Output, options: MonitorOptions, report: HealthReport): void {
  if (out.format === 'text') for (const l of renderReport(report)) out.line(l);
  // In continuous mode every JSON document is one line (NDJSON), so a consumer can stream it.
  else if (options.intervalSeconds !== undefined)
    options.stdout.write(`${JSON.stringify(report)}\n`);
  else out.json(report);
}

function printChanges(
  out: Output,
  options: MonitorOptions,
  report: HealthReport,
  previous: HealthReport,
): void {
  const changes = diffChecks(previous.checks, report.checks);
  if (changes.length === 0 && report.status === previous.status) return;
  if (out.format === 'text') for (const l of renderChanges(report, previous, changes)) out.line(l);
  else
    options.stdout.write(
      `${JSON.stringify({ checkedAt: report.checkedAt, status: report.status, previousStatus: previous.status, changes })}\n`,
    );
}

/**
 * Runs `round` once, or every interval until aborted or maxIterations: prints the first report
 * in full, afterwards only changes; notifies Slack on the first report and on status changes.
 * Resolves to the last report.
 */
export async function monitorHealth(
  out: Output,
  options: MonitorOptions,
  round: () => Promise<HealthReport>,
): Promise<HealthReport> {
  let previous = await round();
  printFirst(out, options, previous);
  await notify(out, options, previous);
  if (options.intervalSeconds === undefined) return previous;
  for (let i = 1; options.maxIterations === undefined || i < options.maxIterations; i++) {
    await sleep(options.intervalSeconds * 1000, options.signal);
    if (options.signal?.aborted) break;
    const report = await round();
    printChanges(out, options, report, previous);
    if (report.status !== previous.status) await notify(out, options, report);
    previous = report;
  }
  return previous;
}
