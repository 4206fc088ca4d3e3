import type { CliDeps, GlobalOptions } from '../../cli/context.js';
import type { Output } from '../../cli/output.js';
import type { CommandRunner } from '../build-images/run-command.js';
import type { Kubectl, KubeObject } from './kubectl.js';

/** The runbook's 12 phases, in order; `--from` takes one of these names. */
export const PHASES = [
  ['prerequisites', 'Prerequisites validation'],
  ['infrastructure', 'Infrastructure setup'],
  ['secrets', 'Secrets configuration'],
  ['images', 'Docker image building'],
  ['database', 'Database initialization'],
  ['services', 'Services deployment'],
  ['gateway', 'Gateway configuration'],
  ['monitoring', 'Monitoring setup'],
  ['autoscaling', 'Auto-scaling configuration'],
  ['health', 'Health validation'],
  ['verification', 'Post-deployment verification'],
  ['cleanup', 'Cleanup'],
] as const;

/** A phase name. */
export type PhaseName = (typeof PHASES)[number][0];

/** master-deploy's own flags. */
export interface DeployFlags {
  environment: string;
  from?: string;
  tag?: string;
  skipInfrastructure?: boolean;
  skipImages?: boolean;
  publicUrl?: string;
  health: string;
  rolloutTimeout: string;
}

/** What a phase did: `actions` lists what it ran (or, in a dry run, would run). */
export interface PhaseOutcome {
  status: 'done' | 'skipped' | 'planned';
  detail: string;
  actions: string[];
  warnings?: string[];
}

/** Thrown by a phase that cannot go on: `hint` says what to do about it. */
export class PhaseFailure extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'PhaseFailure';
  }
}

/** Everything phases share during one run. */
export interface DeployContext {
  deps: CliDeps;
  options: GlobalOptions;
  flags: DeployFlags;
  out: Output;
  run: CommandRunner;
  kubectl: Kubectl;
  environment: 'staging' | 'production';
  namespace: string;
  root: string;
  runId: string;
  dryRun: boolean;
  /** The image tag this run deploys: --tag, else the one images built, else the recorded one. */
  tag?: string;
  /** The rendered overlay, cached by {@link rendered}. */
  objects?: KubeObject[];
  /** Progress lines on stderr (rollouts, waits). */
  note: (text: string) => void;
}

/** A phase: its name, title and the work. */
export interface Phase {
  name: PhaseName;
  title: string;
  run: (ctx: DeployContext) => Promise<PhaseOutcome>;
}

/** The wrapper command line that resumes this run from `phase`. */
export function resumeCommand(ctx: DeployContext, phase: string): string {
  const parts = ['./deployment/digitalocean/master-deploy.sh', '--environment', ctx.environment];
  if (ctx.namespace !== 'gomeet') parts.push('--namespace', ctx.namespace);
  if (ctx.options.context) parts.push('--context', ctx.options.context);
  if (ctx.flags.skipInfrastructure) parts.push('--skip-infrastructure');
  if (ctx.flags.skipImages) parts.push('--skip-images');
  if (ctx.flags.publicUrl) parts.push('--public-url', ctx.flags.publicUrl);
  if (ctx.flags.health !== 'full') parts.push('--health', ctx.flags.health);
  parts.push('--from', phase);
  return parts.join(' ');
}

/** `n s` or `n ms`, for progress lines and the summary. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
