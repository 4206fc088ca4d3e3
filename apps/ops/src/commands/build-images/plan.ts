import { EXIT, ExitError } from '../../cli/exit.js';

/** The bake targets of deployment/docker-bake.hcl, one image each, in build order. */
export const IMAGE_TARGETS = [
  'auth-service',
  'meeting-service',
  'signaling-service',
  'chat-service',
  'recorder',
  'frontend',
] as const;
/** Where images go unless --registry says otherwise. */
export const DEFAULT_REGISTRY = 'registry.digitalocean.com/gomeet';
/** The runbook's multi-architecture builds. */
export const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;
/** Relative to the repo root; docker runs from there. */
export const BAKE_FILE = 'deployment/docker-bake.hcl';

/** What a build needs decided before anything runs. */
export interface PlanInput {
  targets: string[];
  tag: string;
  registry: string;
  /** Targets built at once: each batch of this many is one `docker buildx bake`. */
  parallel: number;
  pull: boolean;
  push: boolean;
}

/** One docker invocation: its variables and argv (without the `docker` itself). */
export interface BakeCommand {
  env: Record<string, string>;
  args: string[];
  targets: string[];
}

/** Everything build-images will do, printed by --dry-run and run otherwise. */
export interface BuildPlan extends PlanInput {
  bakeFile: string;
  platforms: string[];
  images: string[];
  commands: BakeCommand[];
}

/** Parses `--services a,b`; unknown names are a usage error listing the known ones. */
export function parseServices(text: string | undefined): string[] {
  if (text === undefined) return [...IMAGE_TARGETS];
  const names = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = names.filter((n) => !(IMAGE_TARGETS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0)
    throw new ExitError(
      EXIT.USAGE,
      `unknown service${unknown.length === 1 ? '' : 's'} ${unknown.join(', ') || '(none given)'}: known are ${IMAGE_TARGETS.join(', ')}`,
    );
  // Keep the bake file's order, whatever order they were given in.
  return IMAGE_TARGETS.filter((t) => names.includes(t));
}

/** Parses `--parallel N` (a whole number from 1). */
export function parseParallel(text: string | undefined, targets: number): number {
  if (text === undefined) return targets;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new ExitError(EXIT.USAGE, `--parallel must be a whole number from 1, not "${text}"`);
  return n;
}

/** A Docker tag: up to 128 of [A-Za-z0-9_.-], not starting with . or -. */
export function checkTag(tag: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
    throw new ExitError(
      EXIT.USAGE,
      `"${tag}" is not a valid image tag (letters, digits, _ . -, at most 128)`,
    );
  return tag;
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The image reference of one target. */
export function imageRef(registry: string, target: string, tag: string): string {
  return `${registry}/${target}:${tag}`;
}

/**
 * The bake invocations for `input`. Tags are set per target with --set so the result is exactly
 * `<registry>/<target>:<tag>` whatever extra tags the HCL might add (never `latest` by accident).
 */
export function planBuild(input: PlanInput): BuildPlan {
  const env = { TAG: input.tag, REGISTRY: input.registry };
  const commands = batches(input.targets, input.parallel).map((targets) => ({
    env,
    targets,
    args: [
      'buildx',
      'bake',
      '--file',
      BAKE_FILE,
      '--set',
      `*.platform=${PLATFORMS.join(',')}`,
      ...targets.flatMap((t) => ['--set', `${t}.tags=${imageRef(input.registry, t, input.tag)}`]),
      ...(input.pull ? ['--pull'] : []),
      ...(input.push ? ['--push'] : []),
      ...targets,
    ],
  }));
  return {
    ...input,
    bakeFile: BAKE_FILE,
    platforms: [...PLATFORMS],
    images: input.targets.map((t) => imageRef(input.registry, t, input.tag)),
    commands,
  };
}

const SAFE = /^[A-Za-z0-9_./:=,@+-]+$/;

/** A command as one copy-pastable shell line, variables first. */
export function shellLine(env: Record<string, string>, file: string, args: string[]): string {
  const quote = (s: string) => (SAFE.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);
  return [
    ...Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`),
    file,
    ...args.map(quote),
  ].join(' ');
}
