import type { Command } from 'commander';
import { outputFor, readGlobalOptions, type CliDeps } from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import type { RegisterCommand } from '../index.js';
import { REPO_ROOT } from '../build-images/index.js';
import { checkTag } from '../build-images/plan.js';
import { spawnCommand, type CommandRunner } from '../build-images/run-command.js';
import {
  PHASES,
  PhaseFailure,
  resumeCommand,
  type DeployContext,
  type DeployFlags,
  type Phase,
  type PhaseName,
  type PhaseOutcome,
} from './context.js';
import { Kubectl } from './kubectl.js';
import { autoscaling, database, gateway, monitoring, services } from './phases-cluster.js';
import { images, infrastructure, prerequisites, secrets } from './phases-setup.js';
import { cleanup, health, verification } from './phases-verify.js';
import { ensureNamespace, readProgress, writeProgress, type Progress } from './progress.js';
import { parseTimeout } from './rollout.js';
import { printDeployReport, type DeployReport, type PhaseReport } from './summary.js';

const WORK: Record<PhaseName, Phase['run']> = {
  prerequisites,
  infrastructure,
  secrets,
  images,
  database,
  services,
  gateway,
  monitoring,
  autoscaling,
  health,
  verification,
  cleanup,
};

function runId(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function checkFlags(flags: DeployFlags): void {
  if (flags.environment !== 'staging' && flags.environment !== 'production')
    throw new ExitError(
      EXIT.USAGE,
      `--environment must be staging or production, not "${flags.environment}"`,
    );
  if (flags.from && !PHASES.some(([n]) => n === flags.from))
    throw new ExitError(EXIT.USAGE, `--from must be one of ${PHASES.map(([n]) => n).join(', ')}`);
  if (flags.health !== 'full' && flags.health !== 'replicas')
    throw new ExitError(EXIT.USAGE, '--health must be full or replicas');
  if (!(parseTimeout(flags.rolloutTimeout) > 0))
    throw new ExitError(EXIT.USAGE, '--rollout-timeout must be seconds (600) or minutes (10m)');
  if (flags.tag) checkTag(flags.tag);
  if (flags.publicUrl && !/^https?:\/\//.test(flags.publicUrl))
    throw new ExitError(EXIT.USAGE, '--public-url must start with http:// or https://');
}

async function record(ctx: DeployContext, progress: Progress, started: boolean): Promise<void> {
  if (ctx.dryRun) return;
  if (!started) await ensureNamespace(ctx.kubectl);
  progress.updatedAt = ctx.deps.now().toISOString();
  await writeProgress(ctx.kubectl, progress);
}

/** Runs the phases in order from `--from`; stops at the first failure. */
export async function runDeploy(ctx: DeployContext): Promise<DeployReport> {
  const startedAt = Date.now();
  const fromIndex = ctx.flags.from ? PHASES.findIndex(([n]) => n === ctx.flags.from) : 0;
  const previous =
    fromIndex > 0 && !ctx.dryRun
      ? await readProgress(ctx.kubectl).catch(() => undefined)
      : undefined;
  if (!ctx.tag && previous?.tag) ctx.tag = previous.tag;
  if (previous)
    ctx.note(
      `resuming at ${ctx.flags.from ?? ''}: the last run (${previous.runId}) ${previous.failedPhase ? `failed at ${previous.failedPhase}` : `completed ${previous.lastCompleted || 'nothing'}`}`,
    );
  const progress: Progress = {
    runId: ctx.runId,
    environment: ctx.environment,
    status: 'running',
    tag: ctx.tag ?? '',
    lastCompleted: '',
    failedPhase: '',
    updatedAt: '',
    phases: [],
  };
  const reports: PhaseReport[] = [];
  let failure: DeployReport['failure'] = null;
  let recorded = false;
  for (const [i, [name, title]] of PHASES.entries()) {
    // Prerequisites always run: a resumed run re-checks tools and the cluster first.
    if (failure || (i < fromIndex && name !== 'prerequisites')) {
      reports.push({
        name,
        title,
        status: failure ? 'not-run' : 'skipped',
        durationMs: 0,
        detail: failure ? '' : `resumed --from ${ctx.flags.from ?? ''}`,
        actions: [],
        warnings: [],
      });
      continue;
    }
    if (!ctx.dryRun) ctx.note(`[${i + 1}/${PHASES.length}] ${name}: ${title}`);
    const t0 = Date.now();
    let outcome: PhaseOutcome;
    try {
      outcome = await WORK[name](ctx);
    } catch (error) {
      const f =
        error instanceof PhaseFailure
          ? error
          : error instanceof ExitError
            ? new PhaseFailure(error.message, 'fix the cause above', error.exitCode)
            : new PhaseFailure(
                (error as Error).message.split('\n')[0] ?? 'failed',
                'fix the cause above, then resume',
              );
      failure = {
        phase: name,
        reason: f.message,
        hint: f.hint,
        resume: resumeCommand(ctx, name),
        exitCode: f.exitCode,
      };
      reports.push({
        name,
        title,
        status: 'failed',
        durationMs: Date.now() - t0,
        detail: f.message,
        actions: [],
        warnings: [],
      });
      progress.status = 'failed';
      progress.failedPhase = name;
      progress.phases = reports.map(({ name: n, status, durationMs, detail }) => ({
        name: n,
        status,
        durationMs,
        detail,
      }));
      // The cluster may be what failed: recording is best effort here.
      if (recorded || name !== 'prerequisites')
        await record(ctx, progress, recorded).catch(() => undefined);
      continue;
    }
    const report: PhaseReport = {
      name,
      title,
      status: outcome.status,
      durationMs: Date.now() - t0,
      detail: outcome.detail,
      actions: outcome.actions,
      warnings: outcome.warnings ?? [],
    };
    reports.push(report);
    if (!ctx.dryRun) {
      ctx.note(`  ${outcome.status}: ${outcome.detail}`);
      for (const w of report.warnings) ctx.note(`  warning: ${w}`);
      progress.lastCompleted = name;
      progress.tag = ctx.tag ?? '';
      progress.phases = reports.map(({ name: n, status, durationMs, detail }) => ({
        name: n,
        status,
        durationMs,
        detail,
      }));
      await record(ctx, progress, recorded);
      recorded = true;
    }
  }
  if (!failure && !ctx.dryRun) {
    progress.status = 'succeeded';
    await record(ctx, progress, recorded);
  }
  return {
    environment: ctx.environment,
    namespace: ctx.namespace,
    dryRun: ctx.dryRun,
    from: ctx.flags.from ?? null,
    tag: ctx.tag ?? null,
    status: ctx.dryRun ? 'planned' : failure ? 'failed' : 'succeeded',
    durationMs: Date.now() - startedAt,
    phases: reports,
    failure,
  };
}

/** `master-deploy` with the given runner; tests may pass a fake one. */
export function masterDeployCommand(run: CommandRunner = spawnCommand): RegisterCommand {
  return (program: Command, deps: CliDeps) => {
    program
      .command('master-deploy')
      .description("deploy GoMeet in the runbook's 12 phases, resumable with --from")
      .option('--environment <env>', 'staging or production (the kustomize overlay)', 'staging')
      .option('--from <phase>', `resume at a phase: ${PHASES.map(([n]) => n).join(', ')}`)
      .option('--tag <tag>', 'image tag to build and deploy (default: git describe)')
      .option('--skip-infrastructure', 'the DigitalOcean resources already exist', false)
      .option('--skip-images', 'deploy images already in the registry (with --tag)', false)
      .option('--public-url <url>', "the smoke test's base URL (default: the overlay's PUBLIC_URL)")
      .option(
        '--health <mode>',
        'full, or replicas to skip /readyz through the API server proxy',
        'full',
      )
      .option('--rollout-timeout <time>', 'per rollout and migration Job (600, 10m)', '10m')
      .action(async (flags: DeployFlags, command: Command) => {
        const options = readGlobalOptions(command);
        checkFlags(flags);
        const out = outputFor(deps, options);
        const ctx: DeployContext = {
          deps,
          options,
          flags,
          out,
          run,
          kubectl: new Kubectl(run, deps.env, options.namespace, options.context),
          environment: flags.environment as 'staging' | 'production',
          namespace: options.namespace,
          root: REPO_ROOT,
          runId: runId(deps.now()),
          dryRun: options.dryRun,
          ...(flags.tag ? { tag: flags.tag } : {}),
          note: (text) => deps.stderr.write(`${text}\n`),
        };
        const report = await runDeploy(ctx);
        printDeployReport(out, report);
        if (report.failure)
          throw new ExitError(
            report.failure.exitCode,
            `${report.failure.phase} failed: ${report.failure.reason}`,
          );
      });
  };
}

/** `master-deploy` with the real process runner. */
export default masterDeployCommand();
