import type { Command } from 'commander';
import { kubeFor, outputFor, readGlobalOptions, type CliDeps } from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import { imageFor, requireService, type ServiceName } from '../scale-services/services.js';
import { previousRolloutImage, readRollout, strategyOf, updateRollout } from './argo.js';
import { rollbackDeployment, updateDeployment, type DeploymentStrategy } from './deployment.js';
import { printStatus, printUpdate, type UpdateReport } from './print.js';
import type { RolloutKube } from './kube.js';
import { rolloutStatus } from './status.js';

type Strategy = 'rolling' | 'blue-green' | 'canary' | 'recreate';

interface Flags {
  strategy?: Strategy;
  timeout: string;
  drainTimeout: string;
}

const STRATEGIES: Strategy[] = ['rolling', 'blue-green', 'canary', 'recreate'];

function seconds(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new ExitError(EXIT.USAGE, `${name} must be a number of seconds, not "${text}"`);
  return n;
}

/** An immutable tag: `latest` would neither start a rollout nor leave a revision to return to. */
export function requireTag(tag: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/.test(tag))
    throw new ExitError(EXIT.USAGE, `"${tag}" is not an image tag`);
  if (tag === 'latest')
    throw new ExitError(
      EXIT.USAGE,
      'refusing tag "latest": an unchanged image name starts no rollout and leaves no revision to roll back to; use the release tag (e.g. v1.2.3 or the git SHA build-images.sh pushed)',
    );
  return tag;
}

function readFlags(command: Command): Flags {
  const flags = command.optsWithGlobals<Flags>();
  if (flags.strategy !== undefined && !STRATEGIES.includes(flags.strategy))
    throw new ExitError(EXIT.USAGE, `--strategy must be one of ${STRATEGIES.join(', ')}`);
  return flags;
}

/** What the LiveKit SFU does for each strategy asked: always the drain, never a recreate. */
function livekitNotes(strategy: Strategy | undefined, drainSeconds: number): string[] {
  if (strategy === 'recreate')
    throw new ExitError(
      EXIT.USAGE,
      'refusing --strategy recreate for livekit-sfu: it would end every meeting at once. Omit --strategy: the SFU updates by draining one node at a time',
    );
  const notes = [
    `livekit-sfu updates by draining: one media node at a time (maxSurge 0, maxUnavailable 1), the old SFU stops taking new rooms, new rooms go to the updated nodes, and it leaves when its last room ends or after ${drainSeconds} s (--drain-timeout, its terminationGracePeriodSeconds).`,
  ];
  if (strategy === 'canary' || strategy === 'blue-green')
    notes.unshift(
      `--strategy ${strategy} does not apply to an SFU: a room lives on one SFU for its whole length, so traffic cannot be split per request or switched at once without cutting calls. Doing the drain instead, which is canary-like per node: the first updated node takes new rooms first, and rolling-update.sh rollback livekit-sfu stops it.`,
    );
  return notes;
}

async function runUpdate(
  deps: CliDeps,
  command: Command,
  service: ServiceName,
  tag: string,
  rollback: boolean,
): Promise<void> {
  const options = readGlobalOptions(command);
  const flags = readFlags(command);
  const out = outputFor(deps, options);
  const timeoutMs = seconds('--timeout', flags.timeout) * 1000;
  const drainSeconds = seconds('--drain-timeout', flags.drainTimeout);
  const progress = (t: string) => deps.stderr.write(`${t}\n`);
  const notes = service === 'livekit-sfu' ? livekitNotes(flags.strategy, drainSeconds) : [];
  const kube: RolloutKube = await kubeFor(deps, options);
  const ns = options.namespace;
  const rollout = service === 'livekit-sfu' ? undefined : await readRollout(kube, ns, service);
  let strategy: Strategy | 'drain' =
    service === 'livekit-sfu' ? 'drain' : (flags.strategy ?? 'rolling');
  if (rollout) {
    const own = strategyOf(rollout);
    if (flags.strategy && flags.strategy !== own)
      throw new ExitError(
        EXIT.USAGE,
        `${service} is an Argo Rollout with the ${own} strategy in namespace ${ns}; its strategy governs every update: omit --strategy or use --strategy ${own}`,
      );
    strategy = own;
  } else if (strategy === 'canary' || strategy === 'blue-green') {
    throw new ExitError(
      EXIT.USAGE,
      `${service} has no Argo Rollout in namespace ${ns}, so --strategy ${strategy} cannot run (the production overlay defines the Rollouts); use --strategy rolling or recreate`,
    );
  }
  const report: UpdateReport = {
    service,
    action: rollback ? 'rollback' : 'update',
    strategy,
    image: rollback ? null : imageFor(service, tag),
    dryRun: options.dryRun,
    notes,
    deployment: null,
    rollout: null,
  };
  if (options.dryRun) return printUpdate(out, report);
  const changeCause = `rolling-update.sh ${rollback ? 'rollback' : `update ${tag}`} (${strategy})`;
  if (rollout) {
    const image = rollback
      ? await previousRolloutImage(kube, ns, rollout, service)
      : imageFor(service, tag);
    report.image = image;
    report.rollout = await updateRollout({
      kube,
      namespace: ns,
      rollout,
      service,
      image,
      timeoutMs,
      progress,
    });
  } else if (rollback) {
    report.deployment = await rollbackDeployment(kube, ns, service, timeoutMs, progress);
    report.image = report.deployment.image.to;
  } else {
    report.deployment = await updateDeployment({
      kube,
      namespace: ns,
      service,
      image: imageFor(service, tag),
      strategy: strategy as DeploymentStrategy,
      drainSeconds,
      timeoutMs,
      changeCause,
      progress,
    });
  }
  printUpdate(out, report);
  const result = report.rollout?.result ?? report.deployment?.result;
  if (result === 'timeout' || result === 'failed' || result === 'aborted')
    throw new ExitError(EXIT.FAILED, '');
}

/** `rolling-update`: update a service's image by its strategy, roll back, and show status. */
export default function register(program: Command, deps: CliDeps): void {
  const cmd = program
    .command('rolling-update')
    .description('update, roll back and follow GoMeet rollouts (Deployments and Argo Rollouts)')
    .option(
      '--strategy <strategy>',
      `rolling | recreate (Deployments), canary | blue-green (Argo Rollouts); default: the service's own`,
    )
    .option('--timeout <seconds>', 'how long to follow a rollout before giving up', '600')
    .option(
      '--drain-timeout <seconds>',
      'livekit-sfu: how long an old SFU keeps its rooms before it is stopped',
      '10800',
    );

  cmd
    .command('update <service> <tag>')
    .description('roll a service out to registry.digitalocean.com/gomeet/<service>:<tag>')
    .action((service: string, tag: string, _f: unknown, command: Command) =>
      runUpdate(deps, command, requireService(service), requireTag(tag), false),
    );

  cmd
    .command('rollback <service>')
    .description('return a service to its previous revision (kubectl rollout undo)')
    .action((service: string, _f: unknown, command: Command) =>
      runUpdate(deps, command, requireService(service), '', true),
    );

  cmd
    .command('status')
    .description("every service's revision, image, ready/desired and rollout phase")
    .action(async (_f: unknown, command: Command) => {
      const options = readGlobalOptions(command);
      const services = await rolloutStatus(await kubeFor(deps, options), options.namespace);
      printStatus(outputFor(deps, options), services);
      if (services.some((s) => s.phase === 'Failed' || s.phase === 'Degraded'))
        throw new ExitError(EXIT.FAILED, '');
    });
}
