import type { Command } from 'commander';
import { outputFor, readGlobalOptions, type CliDeps } from '../../cli/context.js';
import {
  runAlert,
  runEfficiency,
  runMonitor,
  runPlan,
  runReport,
  type ActionContext,
} from './actions.js';
import type { CostOptions } from './options.js';

const SUBCOMMANDS: [string, string, (ctx: ActionContext) => Promise<void>][] = [
  [
    'monitor',
    'estimated (or month-to-date) cost against the budget, line by line (exit 1 over budget)',
    runMonitor,
  ],
  [
    'report',
    "billing history of the last --historical-days from DigitalOcean, and the capacity model's cluster priced",
    runReport,
  ],
  [
    'alert',
    "email (SMTP_URL) when spend (or the capacity model's cluster) reaches 80% of the budget; exit 1 over",
    runAlert,
  ],
  [
    'efficiency',
    'pod usage against requests per workload, idle cost and recommendations',
    runEfficiency,
  ],
  [
    'plan',
    'nodes needed by CPU and by network cap for --participants, with cost per participant-hour',
    runPlan,
  ],
];

/** `cost-monitor monitor|report|alert|efficiency|plan`. */
export default function register(program: Command, deps: CliDeps): void {
  const cmd = program
    .command('cost-monitor')
    .description('track, report and plan the cost of GoMeet on DigitalOcean')
    .option('--budget <usd>', 'monthly budget in USD (env BUDGET_USD, default 35000)')
    .option('--historical-days <n>', 'report: days of billing history', '30')
    .option('--email <address>', 'alert: recipient (env BUDGET_ALERT_EMAIL)')
    .option('--participants <n>', 'concurrent participants at peak (default 50000)')
    .option('--per-meeting <n>', 'participants per meeting (default 500)')
    .option('--downstream-mbps <mbps>', 'video each participant receives (default 1.5)')
    .option('--hours-per-day <h>', 'hours a day at that load (default 8)')
    .option(
      '--sfu-vcpu-per-participant <vcpu>',
      'SFU CPU per participant (default: the capacity model at --downstream-mbps)',
    )
    .option(
      '--sizes <slugs>',
      'plan: droplet sizes to compare, comma-separated (default c-32,c-32-intel)',
    )
    .option(
      '--node-size <slug>',
      'report/alert: node size the capacity model sizes the cluster on (default c-32-intel); efficiency: node size priced (default c-32)',
    )
    .option('--prices <file>', 'price table (default deployment/pricing/digitalocean-prices.json)');
  for (const [name, description, action] of SUBCOMMANDS) {
    cmd
      .command(name)
      .description(description)
      .action(async (_opts: unknown, sub: Command) => {
        const g = readGlobalOptions(sub);
        await action({ deps, g, o: sub.optsWithGlobals<CostOptions>(), out: outputFor(deps, g) });
      });
  }
}
