import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dockerfileAst, { type Instruction } from 'dockerfile-ast';

/** The repository root: every Dockerfile's build context. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** One stage of a parsed Dockerfile: its FROM and the instructions up to the next FROM. */
export interface Stage {
  name: string | null;
  image: string | null;
  tag: string | null;
  platform: string | null;
  instructions: Instruction[];
}

/** Parses a Dockerfile with dockerfile-ast and splits it into its stages. */
export function parseStages(file: string): Stage[] {
  const dockerfile = dockerfileAst.DockerfileParser.parse(readFileSync(file, 'utf8'));
  const stages: Stage[] = [];
  const froms = dockerfile.getFROMs();
  for (const instruction of dockerfile.getInstructions()) {
    const from = froms.find((f) => f.getRange().start.line === instruction.getRange().start.line);
    if (from) {
      stages.push({
        name: from.getBuildStage(),
        image: from.getImageName(),
        tag: from.getImageTag(),
        platform: from.getPlatformFlag()?.getValue() ?? null,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The folder a stage's relative paths start from (its last WORKDIR). */
export const workdir = (stage: Stage): string => {
  const last = byKeyword(stage, 'WORKDIR').at(-1);
  return (last && words(last)[0]) ?? '/';
};

/** A CMD or ENTRYPOINT's argv when written in exec (JSON) form, else null. */
export function execForm(instruction: Instruction | undefined): string[] | null {
  if (!(instruction instanceof dockerfileAst.JSONInstruction)) return null;
  const strings = instruction.getJSONStrings();
  return strings.length > 0 ? strings.map((s) => s.getJSONValue()) : null;
}

/** The variables a stage's ENV instructions set. */
export function envOf(stage: Stage): Record<string, string | null> {
  return Object.fromEntries(
    byKeyword(stage, 'ENV').flatMap((e) =>
      e instanceof dockerfileAst.PropertyInstruction
        ? e.getProperties().map((p) => [p.getName(), p.getValue()])
        : [],
    ),
  );
}

/** Instructions of one keyword in a stage. */
export const byKeyword = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.getKeyword() === keyword);

/** The words of an instruction's arguments (after the parser joined continued lines). */
export const words = (instruction: Instruction): string[] =>
  instruction.getArguments().map((a) => a.getValue());

/** A flag of an instruction (`--from`, `--chown`, `--mount`) or null. */
export function flag(instruction: Instruction, name: string): string | null {
  const flags =
    'getFlags' in instruction ? (instruction as { getFlags(): unknown[] }).getFlags() : [];
  for (const f of flags as { getName(): string; getValue(): string | null }[]) {
    if (f.getName() === name) return f.getValue();
  }
  return null;
}

/** One shell command inside a RUN: its words, split at `&&`, `||` and `;`. */
export function commands(run: Instruction): string[][] {
  const out: string[][] = [[]];
  for (const word of words(run)) {
    if (word === '&&' || word === '||' || word === ';') out.push([]);
    else out.at(-1)?.push(word);
  }
  return out.filter((c) => c.length > 0);
}

/** The `npm ci` commands of a stage, with the workspaces each one names. */
export function npmCis(stage: Stage): { args: string[]; workspaces: string[] }[] {
  return byKeyword(stage, 'RUN')
    .flatMap(commands)
    .filter((c) => c[0] === 'npm' && c[1] === 'ci')
    .map((args) => ({
      args,
      workspaces: args.flatMap((a, i) =>
        a === '--workspace' || a === '-w'
          ? [args[i + 1] ?? '']
          : a.startsWith('--workspace=')
            ? [a.slice('--workspace='.length)]
            : [],
      ),
    }));
}

/** Workspace package name → its folder, from the root package.json's workspace globs. */
export function workspaces(): Map<string, string> {
  const root = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const map = new Map<string, string>();
  for (const glob of root.workspaces) {
    const parent = glob.replace(/\/\*$/, '');
    for (const entry of readdirSync(path.join(repoRoot, parent))) {
      const manifest = path.join(repoRoot, parent, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
      map.set(name, `${parent}/${entry}`);
    }
  }
  return map;
}

interface TsConfig {
  compilerOptions?: { rootDir?: string; outDir?: string };
  references?: { path: string }[];
}

/** A workspace's tsconfig.json (plain JSON in this repo). */
export const tsconfig = (dir: string): TsConfig =>
  JSON.parse(readFileSync(path.join(repoRoot, dir, 'tsconfig.json'), 'utf8')) as TsConfig;

/** A workspace folder and every folder its tsconfig references, transitively (what tsc -b builds). */
export function referenceClosure(dir: string): Set<string> {
  const seen = new Set<string>();
  const visit = (d: string) => {
    if (seen.has(d)) return;
    seen.add(d);
    for (const ref of tsconfig(d).references ?? []) {
      visit(path.posix.normalize(path.posix.join(d, ref.path)));
    }
  };
  visit(dir);
  return seen;
}

/** The projects a stage compiles with `tsc -b <dir>...`. */
export const tscProjects = (stage: Stage): string[] =>
  byKeyword(stage, 'RUN')
    .flatMap(commands)
    .flatMap((c) => {
      const tsc = c.indexOf('tsc');
      if (tsc < 0 || c[tsc + 1] !== '-b') return [];
      return c.slice(tsc + 2).filter((a) => !a.startsWith('-'));
    });

/**
 * What a stage builds, as absolute paths: the outDir of every project `tsc -b` builds (each
 * named project and its references) and apps/web/dist for scripts/build-web.sh (Vite's outDir).
 */
export function outputs(stage: Stage): string[] {
  const base = workdir(stage);
  const out = tscProjects(stage)
    .flatMap((project) => [...referenceClosure(project)])
    .map((dir) => path.posix.join(base, dir, tsconfig(dir).compilerOptions?.outDir ?? 'dist'));
  const webBuild = byKeyword(stage, 'RUN')
    .flatMap(commands)
    .some((c) => c[0] === 'bash' && c[1] === 'scripts/build-web.sh');
  if (webBuild) out.push(path.posix.join(base, 'apps/web/dist'));
  return out;
}

/** The .dockerignore patterns (no `!` exceptions are used, and the test insists on that). */
export function dockerignore(): string[] {
  return readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Whether the build context leaves out `file` (or a folder above it). */
export function ignored(file: string, patterns: string[]): boolean {
  const parts = path.posix.normalize(file).split('/');
  for (let n = 1; n <= parts.length; n++) {
    const prefix = parts.slice(0, n).join('/');
    if (patterns.some((p) => path.matchesGlob(prefix, p))) return true;
  }
  return false;
}
