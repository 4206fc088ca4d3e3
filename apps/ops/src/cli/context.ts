import type { Command } from 'commander';
import { EXIT, ExitError } from './exit.js';
import { loadKube, type KubeClients } from './kube.js';
import { createOutput, type Output } from './output.js';

export { loadKube, type KubeClients } from './kube.js';

/** Options every command accepts, before or after its subcommand. */
export interface GlobalOptions {
  format: 'json' | 'text';
  namespace: string;
  context?: string;
  target: 'cluster' | 'local';
  dryRun: boolean;
  verbose: boolean;
}

/** Everything a command touches outside itself; tests inject each of these. */
export interface CliDeps {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  now: () => Date;
  fetch: typeof fetch;
  /** Lazy Kubernetes clients; throws ExitError(3, one-line hint) without a cluster. */
  kube?: () => Promise<KubeClients>;
  /** Aborted on SIGINT; long-running commands (health-check --continuous) stop on it. */
  signal?: AbortSignal;
}

/** Reads the global options from a command's own and its ancestors' parsed options. */
export function readGlobalOptions(command: Command): GlobalOptions {
  const o = command.optsWithGlobals<Record<string, unknown>>();
  const format = o.format ?? 'text';
  const target = o.target ?? 'cluster';
  if (format !== 'json' && format !== 'text')
    throw new ExitError(EXIT.USAGE, `--format must be json or text, not ${JSON.stringify(format)}`);
  if (target !== 'cluster' && target !== 'local')
    throw new ExitError(
      EXIT.USAGE,
      `--target must be cluster or local, not ${JSON.stringify(target)}`,
    );
  return {
    format,
    target,
    namespace: typeof o.namespace === 'string' ? o.namespace : 'gomeet',
    ...(typeof o.context === 'string' ? { context: o.context } : {}),
    dryRun: o.dryRun === true,
    verbose: o.verbose === true,
  };
}

/** The Kubernetes clients for these options: the injected ones, else from the kube config. */
export function kubeFor(deps: CliDeps, options: GlobalOptions): Promise<KubeClients> {
  return deps.kube
    ? deps.kube()
    : loadKube({ env: deps.env, ...(options.context ? { context: options.context } : {}) });
}

/** The {@link Output} for these options, on the injected streams. */
export function outputFor(deps: CliDeps, options: GlobalOptions): Output {
  return createOutput({
    format: options.format,
    verbose: options.verbose,
    stdout: deps.stdout,
    stderr: deps.stderr,
  });
}
