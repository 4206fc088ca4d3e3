import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { outputFor, readGlobalOptions, type CliDeps } from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import type { Output } from '../../cli/output.js';
import type { RegisterCommand } from '../index.js';
import { defaultTag, ensureRegistryLogin, findScanner, requireDocker, scanArgs } from './docker.js';
import {
  DEFAULT_REGISTRY,
  checkTag,
  parseParallel,
  parseServices,
  planBuild,
  shellLine,
  type BuildPlan,
} from './plan.js';
import { lastLines, spawnCommand, type CommandRunner } from './run-command.js';

/** The repo root (docker-bake.hcl's paths are relative to it), from this file's place. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/** build-images' own flags. */
export interface BuildFlags {
  services?: string;
  tag?: string;
  parallel?: string;
  updateBaseImages?: boolean;
  push?: boolean;
  scan?: boolean;
  registry?: string;
}

/** One image's vulnerability scan. */
export interface ScanResult {
  image: string;
  status: 'passed' | 'failed' | 'skipped' | 'planned';
  detail: string;
}

/** What build-images reports (also what master-deploy's images phase records). */
export interface BuildReport {
  dryRun: boolean;
  status: 'planned' | 'built' | 'failed';
  tag: string;
  registry: string;
  targets: string[];
  images: string[];
  platforms: string[];
  push: boolean;
  pullBaseImages: boolean;
  parallel: number;
  commands: string[];
  scanner: 'trivy' | 'grype' | null;
  scans: ScanResult[];
}

/** What a build reads from its surroundings; master-deploy passes its own. */
export interface BuildContext {
  run: CommandRunner;
  env: NodeJS.ProcessEnv;
  out: Output;
  stderr: NodeJS.WritableStream;
  dryRun: boolean;
  verbose: boolean;
  root?: string;
}

async function scanImages(ctx: BuildContext, plan: BuildPlan): Promise<ScanResult[]> {
  const scanner = findScanner(ctx.env);
  if (!scanner)
    return plan.images.map((image) => ({
      image,
      status: 'skipped',
      detail: 'neither trivy nor grype is on PATH; install one to scan',
    }));
  if (ctx.dryRun || !plan.push)
    return plan.images.map((image) => ({
      image,
      status: ctx.dryRun ? 'planned' : 'skipped',
      detail: ctx.dryRun
        ? shellLine({}, scanner, scanArgs(scanner, image))
        : 'not pushed (--no-push): nothing in the registry to scan',
    }));
  const results: ScanResult[] = [];
  for (const image of plan.images) {
    const r = await ctx.out.progress(`scanning ${image} with ${scanner}`, () =>
      ctx.run(scanner, scanArgs(scanner, image), { env: ctx.env, timeoutMs: 15 * 60_000 }),
    );
    results.push({
      image,
      status: r.code === 0 ? 'passed' : 'failed',
      detail:
        r.code === 0
          ? 'no fixable HIGH or CRITICAL vulnerabilities'
          : `fixable HIGH or CRITICAL vulnerabilities (or scan error): ${lastLines(r.stdout + r.stderr, 1)}`,
    });
  }
  return results;
}

/**
 * Builds (and by default pushes) the images with `docker buildx bake`; with `dryRun` only
 * plans. Throws ExitError(3) without a Docker engine, (2) for bad flags, (1) when a build fails.
 */
export async function buildImages(ctx: BuildContext, flags: BuildFlags): Promise<BuildReport> {
  const root = ctx.root ?? REPO_ROOT;
  const targets = parseServices(flags.services);
  const parallel = parseParallel(flags.parallel, targets.length);
  const registry = (flags.registry ?? DEFAULT_REGISTRY).replace(/\/+$/, '');
  const tag = flags.tag ? checkTag(flags.tag) : await defaultTag(ctx.run, ctx.env, root);
  const push = flags.push !== false;
  const plan = planBuild({
    targets,
    tag,
    registry,
    parallel,
    pull: flags.updateBaseImages === true,
    push,
  });
  if (!ctx.dryRun) {
    await requireDocker(ctx.run, ctx.env);
    if (push) await ensureRegistryLogin(ctx.run, ctx.env, registry);
  }
  const report: BuildReport = {
    dryRun: ctx.dryRun,
    status: ctx.dryRun ? 'planned' : 'built',
    tag,
    registry,
    targets,
    images: plan.images,
    platforms: plan.platforms,
    push,
    pullBaseImages: plan.pull,
    parallel,
    commands: plan.commands.map((c) => shellLine(c.env, 'docker', c.args)),
    scanner: findScanner(ctx.env) ?? null,
    scans: [],
  };
  if (!ctx.dryRun) {
    for (const [i, command] of plan.commands.entries()) {
      const title = `building ${command.targets.join(', ')} (${i + 1}/${plan.commands.length})`;
      const r = await ctx.out.progress(title, () =>
        ctx.run('docker', command.args, {
          env: { ...ctx.env, ...command.env },
          cwd: root,
          ...(ctx.verbose ? { onStderr: (t: string) => ctx.stderr.write(t) } : {}),
        }),
      );
      if (r.code !== 0)
        throw new ExitError(
          EXIT.FAILED,
          `docker buildx bake failed for ${command.targets.join(', ')}: ${lastLines(r.stderr, 2)}`,
        );
    }
  }
  report.scans = flags.scan === false ? [] : await scanImages(ctx, plan);
  if (report.scans.some((s) => s.status === 'failed')) report.status = 'failed';
  return report;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** Prints a build report as text or JSON. */
export function printBuildReport(out: Output, report: BuildReport): void {
  if (out.format === 'json') return out.json(report);
  const verb = report.dryRun ? 'plan (dry run: nothing built or pushed)' : report.status;
  out.line(`build-images ${verb}: tag ${report.tag}`);
  out.line(`  platforms   ${report.platforms.join(', ')}`);
  out.line(`  push        ${yesNo(report.push)} (${report.registry})`);
  out.line(`  pull bases  ${yesNo(report.pullBaseImages)}`);
  out.line(
    `  parallel    ${report.parallel} target(s) at once: ${report.commands.length} bake run(s)`,
  );
  out.line('  images');
  for (const image of report.images) out.line(`    ${image}`);
  out.line('  commands');
  for (const command of report.commands) out.line(`    ${command}`);
  out.line(
    `  scan        ${report.scans.length === 0 ? 'skipped (--no-scan)' : (report.scanner ?? 'skipped: neither trivy nor grype is on PATH')}`,
  );
  for (const scan of report.scans.filter((s) => s.status !== 'skipped' || report.scanner))
    out.line(`    ${scan.image}: ${scan.status} (${scan.detail})`);
}

/** `build-images` with the given runner; tests pass a fake one. */
export function buildImagesCommand(run: CommandRunner = spawnCommand): RegisterCommand {
  return (program: Command, deps: CliDeps) => {
    program
      .command('build-images')
      .description(
        'build the service images for linux/amd64 and linux/arm64 with docker buildx bake, push and scan them',
      )
      .option('--services <names>', 'comma-separated bake targets (default: all five)')
      .option('--tag <tag>', 'image tag (default: git describe --tags --always --dirty)')
      .option(
        '--parallel <n>',
        'targets built at once: each group of n targets is one bake run (default: all)',
      )
      .option('--update-base-images', 'pull newer base images (docker buildx bake --pull)', false)
      .option('--no-push', 'build only; the result stays in the BuildKit cache')
      .option('--no-scan', 'skip the trivy/grype scan')
      .option('--registry <registry>', 'registry and repository prefix', DEFAULT_REGISTRY)
      .action(async (flags: BuildFlags, command: Command) => {
        const options = readGlobalOptions(command);
        const out = outputFor(deps, options);
        const report = await buildImages(
          {
            run,
            env: deps.env,
            out,
            stderr: deps.stderr,
            dryRun: options.dryRun,
            verbose: options.verbose,
          },
          flags,
        );
        printBuildReport(out, report);
        if (report.status === 'failed')
          throw new ExitError(
            EXIT.FAILED,
            'the image scan found fixable HIGH or CRITICAL vulnerabilities',
          );
      });
  };
}

/** `build-images` with the real process runner. */
export default buildImagesCommand();
