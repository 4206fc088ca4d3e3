import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { RegisterCommand } from '../commands/index.js';
import { readGlobalOptions, type GlobalOptions } from './context.js';
import { EXIT, ExitError } from './exit.js';
import { run } from './program.js';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

interface Seen {
  options?: GlobalOptions & { every?: string };
}

function probeCommand(seen: Seen, fail?: ExitError): RegisterCommand {
  return (program) => {
    const cmd = program.command('probe').option('--every <seconds>', 'repeat');
    cmd.command('go').action((_opts, command: Command) => {
      seen.options = {
        ...readGlobalOptions(command),
        every: command.optsWithGlobals<{ every?: string }>().every,
      };
      if (fail) throw fail;
    });
  };
}

async function runProbe(argv: string[], env: NodeJS.ProcessEnv = {}, fail?: ExitError) {
  const seen: Seen = {};
  const out = sink();
  const err = sink();
  const code = await run(argv, { env, stdout: out.stream, stderr: err.stream }, [
    probeCommand(seen, fail),
  ]);
  return { code, seen, stdout: out.text(), stderr: err.text() };
}

describe('gomeet-ops program', () => {
  it('accepts global and command options before the subcommand, as the runbook writes them', async () => {
    const { code, seen } = await runProbe([
      'probe',
      '--format',
      'json',
      '--every',
      '60',
      '--namespace',
      'gomeet-dr-test',
      'go',
    ]);
    expect(code).toBe(EXIT.OK);
    expect(seen.options).toMatchObject({
      format: 'json',
      namespace: 'gomeet-dr-test',
      every: '60',
      target: 'cluster',
    });
  });

  it('accepts the same options after the subcommand', async () => {
    const { seen } = await runProbe([
      'probe',
      'go',
      '--every',
      '5',
      '--format',
      'json',
      '--dry-run',
      '--verbose',
    ]);
    expect(seen.options).toMatchObject({
      format: 'json',
      every: '5',
      dryRun: true,
      verbose: true,
      namespace: 'gomeet',
    });
  });

  it('takes the target from GOMEET_TARGET unless --target is given', async () => {
    expect((await runProbe(['probe', 'go'], { GOMEET_TARGET: 'local' })).seen.options?.target).toBe(
      'local',
    );
    expect(
      (await runProbe(['probe', 'go', '--target', 'cluster'], { GOMEET_TARGET: 'local' })).seen
        .options?.target,
    ).toBe('cluster');
  });

  it('exits 2 with one line for an unknown option or command', async () => {
    const unknownOption = await runProbe(['probe', 'go', '--nope']);
    expect(unknownOption.code).toBe(EXIT.USAGE);
    expect(unknownOption.stderr.trim().split('\n')).toHaveLength(1);
    expect((await runProbe(['nope'])).code).toBe(EXIT.USAGE);
    expect((await runProbe(['probe', 'go', '--format', 'yaml'])).code).toBe(EXIT.USAGE);
  });

  it('turns an ExitError into its exit code and one error line, without a stack', async () => {
    const { code, stderr } = await runProbe(
      ['probe', 'go'],
      {},
      new ExitError(EXIT.UNREACHABLE, 'no Kubernetes cluster configured'),
    );
    expect(code).toBe(EXIT.UNREACHABLE);
    expect(stderr).toBe('error: no Kubernetes cluster configured\n');
  });

  it('exits 0 for --help', async () => {
    const { code, stdout } = await runProbe(['--help']);
    expect(code).toBe(EXIT.OK);
    expect(stdout).toContain('--namespace');
  });
});
