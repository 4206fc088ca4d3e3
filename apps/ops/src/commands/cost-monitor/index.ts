import type { Command } from 'commander';
import type { CliDeps } from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';

/** `cost-monitor`: cost estimates, reports and budget alerts (being built). */
export default function register(program: Command, _deps: CliDeps): void {
  const cmd = program.command('cost-monitor').description('track and plan the cost of GoMeet');
  for (const name of ['monitor', 'report', 'alert', 'efficiency', 'plan']) {
    cmd.command(name).action(() => {
      throw new ExitError(EXIT.FAILED, `cost-monitor ${name} is not implemented yet`);
    });
  }
}
