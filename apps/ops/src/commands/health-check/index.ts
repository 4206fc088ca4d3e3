import type { Command } from 'commander';
import type { CliDeps } from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';

/** `health-check`: the runbook's health checks (being built). */
export default function register(program: Command, _deps: CliDeps): void {
  const cmd = program.command('health-check').description('check the health of GoMeet');
  for (const name of ['check', 'services', 'performance']) {
    cmd.command(name).action(() => {
      throw new ExitError(EXIT.FAILED, `health-check ${name} is not implemented yet`);
    });
  }
}
