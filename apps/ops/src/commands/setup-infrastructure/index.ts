import type { Command } from 'commander';
import {
  kubeFor,
  outputFor,
  readGlobalOptions,
  type CliDeps,
  type GlobalOptions,
} from '../../cli/context.js';
import { digitalOceanApi, digitalOceanBaseUrl } from '../../cli/digitalocean.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import type { Output } from '../../cli/output.js';
import { declaredInventory, DECLARED } from '../cost-monitor/architecture.js';
import { readInventory } from '../cost-monitor/inventory.js';
import { numberOption } from '../cost-monitor/options.js';
import { PLAN_DEFAULTS } from '../cost-monitor/plan.js';
import { loadPricing } from '../cost-monitor/pricing-source.js';
import { planExpansion, readPoolUsage, type PoolUsage } from './expansion.js';
import { provisionInfrastructure } from './provision.js';
import {
  assertNoOverlap,
  DEFAULT_VPC_RANGE,
  DOKS_DEFAULT_POD_RANGE,
  DOKS_DEFAULT_SERVICE_RANGE,
} from './ranges.js';
import { renderExpansion, renderResources } from './render.js';
import { spacesBucketApi } from './spaces-bucket.js';
import { infraSpec } from './spec.js';

interface InfraOptions {
  region?: string;
  vpcRange?: string;
  podRange?: string;
  serviceRange?: string;
  skipDatabase?: boolean;
  skipRedis?: boolean;
  planExpansion?: boolean;
  waitTimeout?: string;
  pollInterval?: string;
}

const NO_TOKEN =
  'DIGITALOCEAN_TOKEN is not set: export a token with read and write scopes, or add --dry-run to see the plan';

/** `setup-infrastructure`: creates what is missing of GoMeet's DigitalOcean resources. */
export default function register(program: Command, deps: CliDeps): void {
  program
    .command('setup-infrastructure')
    .description(
      'VPC, DOKS cluster (general + media pools), PostgreSQL, Valkey, registry, Spaces bucket, firewalls: creates only what is missing',
    )
    .option('--region <slug>', 'DigitalOcean region (env DO_REGION, default fra1)')
    .option('--vpc-range <cidr>', `VPC range (env GOMEET_VPC_RANGE, default ${DEFAULT_VPC_RANGE})`)
    .option(
      '--pod-range <cidr>',
      `pod network (env GOMEET_POD_RANGE, default ${DOKS_DEFAULT_POD_RANGE})`,
    )
    .option(
      '--service-range <cidr>',
      `service network (env GOMEET_SERVICE_RANGE, default ${DOKS_DEFAULT_SERVICE_RANGE})`,
    )
    .option('--skip-database', 'leave managed PostgreSQL (gomeet-db) alone', false)
    .option('--skip-redis', 'leave managed Valkey (gomeet-redis) alone', false)
    .option(
      '--plan-expansion',
      'plan the next node-pool sizes and their cost; creates nothing',
      false,
    )
    .option('--wait-timeout <minutes>', 'how long to wait for the cluster and databases', '30')
    .option('--poll-interval <seconds>', 'seconds between readiness polls', '15')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = readGlobalOptions(cmd);
      const o = cmd.optsWithGlobals<InfraOptions>();
      const out = outputFor(deps, g);
      if (o.planExpansion) await runExpansion(deps, g, out);
      else await runSetup(deps, g, o, out);
    });
}

async function runSetup(
  deps: CliDeps,
  g: GlobalOptions,
  o: InfraOptions,
  out: Output,
): Promise<void> {
  const env = deps.env;
  const region = o.region ?? env.DO_REGION ?? 'fra1';
  const ranges = {
    vpc: o.vpcRange ?? env.GOMEET_VPC_RANGE ?? DEFAULT_VPC_RANGE,
    pod: o.podRange ?? env.GOMEET_POD_RANGE ?? DOKS_DEFAULT_POD_RANGE,
    service: o.serviceRange ?? env.GOMEET_SERVICE_RANGE ?? DOKS_DEFAULT_SERVICE_RANGE,
  };
  assertNoOverlap(ranges);
  const token = env.DIGITALOCEAN_TOKEN;
  if (!token && !g.dryRun) throw new ExitError(EXIT.USAGE, NO_TOKEN);
  const spec = infraSpec(region, ranges, env.SPACES_BUCKET || DECLARED.spaces.bucket);
  const progress = (line: string) => deps.stderr.write(`${line}\n`);
  if (g.dryRun && !token)
    progress('dry run without DIGITALOCEAN_TOKEN: listing every create, reading nothing');
  const results = await provisionInfrastructure({
    spec,
    ...(token ? { api: digitalOceanApi(deps.fetch, token, digitalOceanBaseUrl(env)) } : {}),
    ...(() => {
      const bucketApi = spacesBucketApi(env, region);
      return bucketApi ? { bucketApi } : {};
    })(),
    dryRun: g.dryRun,
    skipDatabase: o.skipDatabase === true,
    skipRedis: o.skipRedis === true,
    progress,
    wait: {
      timeoutMs: numberOption(o.waitTimeout, '--wait-timeout', 30) * 60_000,
      intervalMs: numberOption(o.pollInterval, '--poll-interval', 15) * 1000,
      progress,
    },
  });
  if (out.format === 'json')
    out.json({
      generatedAt: deps.now().toISOString(),
      dryRun: g.dryRun,
      region,
      ranges,
      resources: results,
    });
  else
    for (const l of renderResources(
      results,
      `GoMeet infrastructure in ${region}${g.dryRun ? ' (dry run: nothing created)' : ''}; VPC ${ranges.vpc}, pods ${ranges.pod}, services ${ranges.service}`,
    ))
      out.line(l);
}

async function runExpansion(deps: CliDeps, g: GlobalOptions, out: Output): Promise<void> {
  const pricing = await loadPricing(deps, out);
  const traffic = { ...PLAN_DEFAULTS, participants: 50_000 };
  const notes: string[] = [];
  const inventory = pricing.api
    ? await out.progress('reading node pools from the DigitalOcean API', () =>
        readInventory(pricing.api!, traffic),
      )
    : declaredInventory(traffic);
  let usage: Record<string, PoolUsage> | undefined;
  try {
    const kube = await kubeFor(deps, g);
    usage = await out.progress('reading requests and allocatable per node pool', () =>
      readPoolUsage(kube.core),
    );
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    notes.push(
      `no Kubernetes cluster reachable (${reason}): node counts and sizes from ${pricing.api ? 'the DigitalOcean API' : 'the declared architecture'} only`,
    );
  }
  const plan = planExpansion(inventory, DECLARED.cluster, usage, pricing.prices, notes);
  if (!plan.pools.length)
    notes.push(`no node pools of ${DECLARED.cluster} found: run setup-infrastructure first`);
  if (out.format === 'json') out.json({ generatedAt: deps.now().toISOString(), ...plan });
  else for (const l of renderExpansion(plan)) out.line(l);
}
