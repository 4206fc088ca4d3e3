import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  kubeFor,
  outputFor,
  readGlobalOptions,
  type CliDeps,
  type GlobalOptions,
} from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import type { CheckContext } from './check-context.js';
import { monitorHealth } from './monitor.js';
import { exitCodeOf, overallStatus, result, type HealthReport } from './report.js';
import { runChecks, type Scope } from './run-checks.js';

interface HealthOptions {
  continuous?: string;
  maxIterations?: string;
  slackWebhook?: string;
  host?: string;
  ca?: string;
  timeout: string;
}

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new ExitError(EXIT.USAGE, `${flag} needs a positive number, not "${text}"`);
  return n;
}

function readCa(file: string | undefined, cwd: string): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ExitError(EXIT.USAGE, `--ca ${file}: ${(error as Error).message}`);
  }
}

async function buildContext(
  deps: CliDeps,
  g: GlobalOptions,
  h: HealthOptions,
): Promise<CheckContext> {
  const host = h.host ?? deps.env.GOMEET_PUBLIC_HOST;
  const ca = readCa(h.ca, deps.cwd);
  const base: CheckContext = {
    target: g.target,
    namespace: g.namespace,
    env: deps.env,
    fetch: deps.fetch,
    now: deps.now,
    timeoutMs: (positiveNumber(h.timeout, '--timeout') ?? 5) * 1000,
    ...(host ? { host } : {}),
    ...(ca ? { ca } : {}),
  };
  return g.target === 'cluster' ? { ...base, cluster: await kubeFor(deps, g) } : base;
}

async function runHealth(scope: Scope, command: Command, deps: CliDeps): Promise<void> {
  const g = readGlobalOptions(command);
  const h = command.optsWithGlobals<HealthOptions>();
  const out = outputFor(deps, g);
  const intervalSeconds = positiveNumber(h.continuous, '--continuous');
  const maxIterations = positiveNumber(h.maxIterations, '--max-iterations');
  const ctx = await buildContext(deps, g, h);
  let rounds = 0;
  const round = async (): Promise<HealthReport> => {
    const checkedAt = deps.now().toISOString();
    let checks;
    try {
      checks = await out.progress(`checking ${g.target} ${g.namespace}`, () =>
        runChecks(scope, ctx),
      );
    } catch (error) {
      // Unreachable on the first round ends the run (exit 3); later it is a failed check.
      if (rounds === 0 || !(error instanceof ExitError)) throw error;
      checks = [result('target', 'services', 'fail', error.message)];
    }
    rounds++;
    return {
      status: overallStatus(checks),
      checkedAt,
      target: g.target,
      namespace: g.namespace,
      checks,
    };
  };
  const last = await monitorHealth(
    out,
    {
      ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
      ...(maxIterations !== undefined ? { maxIterations } : {}),
      ...(h.slackWebhook ? { slackWebhook: h.slackWebhook } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      stdout: deps.stdout,
      fetch: deps.fetch,
      timeoutMs: ctx.timeoutMs,
    },
    round,
  );
  const code = exitCodeOf(last.status);
  if (code !== EXIT.OK) throw new ExitError(code, '');
}

const SUBCOMMANDS: [Scope, string][] = [
  [
    'check',
    'every check: services, data stores, LiveKit, load balancer, TLS, resources, performance, security',
  ],
  ['services', 'service readiness, replicas, PostgreSQL, Redis and LiveKit'],
  [
    'performance',
    'p95 latency and error rate from Prometheus, pod CPU and memory against requests',
  ],
];

/** `health-check check|services|performance`: exit 0 healthy, 1 degraded, 2 unhealthy, 3 unreachable. */
export default function register(program: Command, deps: CliDeps): void {
  const cmd = program
    .command('health-check')
    .description(
      'check the health of GoMeet (exit 0 healthy, 1 degraded, 2 unhealthy, 3 unreachable)',
    )
    .option(
      '--continuous <seconds>',
      'repeat every N seconds until interrupted, printing only changes after the first report',
    )
    .option('--max-iterations <n>', 'with --continuous: stop after N rounds')
    .option(
      '--slack-webhook <url>',
      'post a summary to this Slack webhook on the first report and on every status change',
    )
    .option(
      '--host <host[:port]>',
      'public host whose TLS certificate to check (env GOMEET_PUBLIC_HOST)',
    )
    .option('--ca <file>', 'PEM file of a private CA to trust for the TLS check')
    .addOption(new Option('--timeout <seconds>', 'timeout of each probe').default('5'));
  for (const [scope, description] of SUBCOMMANDS) {
    cmd
      .command(scope)
      .description(description)
      .action((_opts: unknown, sub: Command) => runHealth(scope, sub, deps));
  }
}
