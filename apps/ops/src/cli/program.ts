import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { commands, type RegisterCommand } from '../commands/index.js';
import type { CliDeps } from './context.js';
import { EXIT, ExitError } from './exit.js';

// cluster or local for every command; `loadtest --target` takes the public URL it tests.
function parseTarget(value: string): string {
  if (value === 'cluster' || value === 'local' || /^https?:\/\//.test(value)) return value;
  throw new InvalidArgumentError('Allowed choices are cluster, local (loadtest: an http(s) URL).');
}

/** Builds the `gomeet-ops` program: global options plus every command in commands/index.ts. */
export function createProgram(deps: CliDeps, registered: RegisterCommand[] = commands): Command {
  const program = new Command('gomeet-ops')
    .description(
      'GoMeet operations: deploy, infrastructure, images, scaling, roll-outs, health, cost, secrets, backups',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      writeErr: (s) => deps.stderr.write(s),
    })
    .showSuggestionAfterError()
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'),
    )
    .addOption(new Option('-n, --namespace <namespace>', 'Kubernetes namespace').default('gomeet'))
    .addOption(
      new Option('--context <name>', 'kube context (default: the current one in KUBECONFIG)'),
    )
    .addOption(
      new Option(
        '--target <target>',
        'cluster, or local for the `npm start` stack (env GOMEET_TARGET); loadtest: the URL to test',
      )
        .argParser(parseTarget)
        .default(deps.env.GOMEET_TARGET === 'local' ? 'local' : 'cluster'),
    )
    .option('--dry-run', 'show what would change without changing it', false)
    .option('--verbose', 'explain each step on stderr', false);
  for (const register of registered) register(program, deps);
  return program;
}

function defaultDeps(deps: Partial<CliDeps>): CliDeps {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    now: () => new Date(),
    fetch: globalThis.fetch.bind(globalThis),
    ...deps,
  };
}

/**
 * Runs gomeet-ops with `argv` (without node and script) and resolves to the exit code:
 * commander usage errors are 2 with commander's message; ExitError keeps its code.
 */
export async function run(
  argv: string[],
  partial: Partial<CliDeps> = {},
  registered?: RegisterCommand[],
): Promise<number> {
  const deps = defaultDeps(partial);
  const program = createProgram(deps, registered);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version end with exitCode 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof ExitError) {
      if (error.message) deps.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    deps.stderr.write(`error: ${message.split('\n')[0]}\n`);
    if (argv.includes('--verbose') && error instanceof Error && error.stack)
      deps.stderr.write(`${error.stack}\n`);
    return EXIT.FAILED;
  }
}
