import type { Command } from 'commander';
import { kubeFor, outputFor, readGlobalOptions, type CliDeps } from '../../cli/context.js';
import { digitalOceanApi, digitalOceanBaseUrl } from '../../cli/digitalocean.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import { applyHpa, applyPolicy } from './auto.js';
import { hpaFor, loadHpaPolicy } from './hpa-policy.js';
import { parseReplicas, scaleManually } from './manual.js';
import { applyPoolChanges, describePool, doctlFor, type NodePoolApi } from './node-pools.js';
import { optimizeRequests } from './optimize.js';
import { printHpas, printManual, printOptimize, printPools } from './print.js';
import { requireService } from './services.js';

/** General pool bounds for the DOKS autoscaler: 3 for availability, 10 before a review. */
const GENERAL_POOL = { min: 3, max: 10 };

function doApiFor(deps: CliDeps): NodePoolApi | undefined {
  const token = deps.env.DIGITALOCEAN_TOKEN;
  return token ? digitalOceanApi(deps.fetch, token, digitalOceanBaseUrl(deps.env)) : undefined;
}

function seconds(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new ExitError(EXIT.USAGE, `--timeout must be seconds, not "${text}"`);
  return n * 1000;
}

async function enableClusterAutoscaler(deps: CliDeps, command: Command): Promise<void> {
  const options = readGlobalOptions(command);
  const out = outputFor(deps, options);
  const policy = await loadHpaPolicy();
  const sfu = hpaFor(policy, 'livekit-sfu');
  // One SFU per media node: the media pool spans exactly the SFU HPA's bounds.
  const media = { min: sfu?.spec?.minReplicas ?? 2, max: sfu?.spec?.maxReplicas ?? 20 };
  const api = options.dryRun ? undefined : doApiFor(deps);
  const changes = [
    { pool: 'gomeet-general' as const, autoScale: GENERAL_POOL },
    { pool: 'gomeet-media' as const, autoScale: media },
  ];
  if (!options.dryRun && !api) {
    const planned = await applyPoolChanges(undefined, deps.env, changes);
    throw new ExitError(
      EXIT.USAGE,
      `DIGITALOCEAN_TOKEN is not set, so nothing was changed. Set it and run this again (--dry-run shows the change), or run: ${planned.map((p) => doctlFor(deps.env, p)).join(' && ')}`,
    );
  }
  const pools = await applyPoolChanges(api, deps.env, changes);
  printPools(out, {
    dryRun: options.dryRun,
    pools: pools.map((p) => ({ ...p, summary: describePool(p), command: doctlFor(deps.env, p) })),
  });
}

/** `scale-services`: manual scaling, the HPA policy, request sizing and node-pool autoscaling. */
export default function register(program: Command, deps: CliDeps): void {
  const cmd = program
    .command('scale-services')
    .description('scale GoMeet: manual replicas, HPAs (auto), request sizing, DOKS node pools')
    .option('--timeout <seconds>', 'how long manual waits for the pods to be ready', '300');

  cmd
    .command('manual <service> <replicas>')
    .description('set a service to N replicas (livekit-sfu: N media nodes)')
    .action(async (service: string, count: string, _flags: unknown, command: Command) => {
      const options = readGlobalOptions(command);
      const name = requireService(service);
      const replicas = parseReplicas(count);
      const { timeout } = command.optsWithGlobals<{ timeout: string }>();
      const report = await scaleManually({
        kube: await kubeFor(deps, options),
        namespace: options.namespace,
        service: name,
        replicas,
        dryRun: options.dryRun,
        waitMs: seconds(timeout),
        progress: (t) => deps.stderr.write(`${t}\n`),
        env: deps.env,
        doApi: doApiFor(deps),
      });
      printManual(outputFor(deps, options), report);
      if (report.ready !== null && report.ready < replicas) throw new ExitError(EXIT.FAILED, '');
    });

  cmd
    .command('auto')
    .description('create or update the HPAs of deployment/k8s/base/hpa.yaml')
    .option('--optimize', 'recommend resource requests from observed usage instead', false)
    .option('--apply', 'with --optimize: patch the recommended requests', false)
    .action(async (flags: { optimize: boolean; apply: boolean }, command: Command) => {
      const options = readGlobalOptions(command);
      const out = outputFor(deps, options);
      const kube = await kubeFor(deps, options);
      if (flags.optimize) {
        const result = await optimizeRequests({
          kube,
          namespace: options.namespace,
          fetch: deps.fetch,
          prometheusUrl: deps.env.PROMETHEUS_URL || undefined,
          apply: flags.apply && !options.dryRun,
        });
        return printOptimize(out, result);
      }
      if (flags.apply) throw new ExitError(EXIT.USAGE, '--apply goes with --optimize');
      const policy = await loadHpaPolicy();
      const hpas = await applyPolicy(kube, options.namespace, policy, options.dryRun);
      printHpas(out, { dryRun: options.dryRun, source: policy.source, hpas, notes: [] });
    });

  cmd
    .command('create-hpa <service>')
    .description("create or update one service's HPA from the declared policy")
    .action(async (service: string, _flags: unknown, command: Command) => {
      const options = readGlobalOptions(command);
      const name = requireService(service);
      const policy = await loadHpaPolicy();
      const declared = hpaFor(policy, name);
      if (!declared)
        throw new ExitError(EXIT.USAGE, `no HPA is declared for ${name} in ${policy.source}`);
      const notes =
        name === 'livekit-sfu'
          ? [
              'livekit-sfu runs one pod per media node (host network, required anti-affinity): each replica the HPA adds stays Pending until the gomeet-media node pool adds a node, so this HPA works only together with node-pool autoscaling (scale-services.sh enable-cluster-autoscaler).',
              'It scales up on CPU only and never scales down on its own: removing an SFU drains its rooms, which is an operator decision (scale-services.sh manual livekit-sfu N).',
            ]
          : [];
      const kube = await kubeFor(deps, options);
      const result = await applyHpa(kube, options.namespace, declared, options.dryRun);
      printHpas(outputFor(deps, options), {
        dryRun: options.dryRun,
        source: policy.source,
        hpas: [result],
        notes,
      });
      if (result.action === 'skipped') throw new ExitError(EXIT.FAILED, '');
    });

  cmd
    .command('enable-cluster-autoscaler')
    .description('turn on DOKS node-pool autoscaling (gomeet-general, gomeet-media)')
    .action((_flags: unknown, command: Command) => enableClusterAutoscaler(deps, command));
}
