import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  byKeyword,
  dockerignore,
  envOf,
  execForm,
  flag,
  ignored,
  npmCis,
  outputs,
  parseStages,
  referenceClosure,
  repoRoot,
  tsconfig,
  tscProjects,
  words,
  workspaces,
} from './dockerfiles.js';

/** The images the contract names, and the Dockerfile each is built from. */
export const IMAGES: Record<string, string> = {
  'auth-service': 'services/auth/Dockerfile',
  'meeting-service': 'services/meeting/Dockerfile',
  'signaling-service': 'services/signaling/Dockerfile',
  'chat-service': 'services/chat/Dockerfile',
  recorder: 'services/recorder/Dockerfile',
  frontend: 'apps/web/Dockerfile',
};

/** The Node.js version the project pins (scripts/install-node.sh): images use the same one. */
const nodeVersion = /^version="(24\.[0-9.]+)"$/m.exec(
  readFileSync(path.join(repoRoot, 'scripts/install-node.sh'), 'utf8'),
)?.[1];

const names = workspaces();
const dirOf = (name: string): string => names.get(name) ?? `(not a workspace: ${name})`;

describe.each(Object.entries(IMAGES))('the %s image (%s)', (_image, dockerfile) => {
  const stages = parseStages(path.join(repoRoot, dockerfile));
  const runtime = stages.at(-1)!;
  const argv = execForm(byKeyword(runtime, 'CMD').at(-1)) ?? [];
  const entry = argv[1] ?? '';
  const entryDir = [...names.values()].find((dir) => entry.startsWith(`${dir}/`)) ?? '';

  it('is multi-stage, every base the project Node 24 on bookworm-slim, pinned by tag', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(nodeVersion).toBeDefined();
    const stageNames = stages.map((s) => s.name);
    for (const stage of stages) {
      if (stage.image && stageNames.includes(stage.image)) continue; // FROM an earlier stage
      expect(stage.image).toBe('node');
      expect(stage.tag).toBe(`${nodeVersion}-bookworm-slim`);
    }
  });

  it('runs as uid 1000 with NODE_ENV=production on port 8080, unable to change its files', () => {
    const user = byKeyword(runtime, 'USER').at(-1);
    expect(user && words(user)[0]).toMatch(/^1000(:1000)?$/);
    expect(envOf(runtime).NODE_ENV).toBe('production');
    expect(byKeyword(runtime, 'EXPOSE').flatMap(words)).toContain('8080');
    // Production refuses to start without a metrics port apart from the public one.
    expect(envOf(runtime).METRICS_PORT).toBe('9464');
    expect(byKeyword(runtime, 'EXPOSE').flatMap(words)).toContain('9464');
    // Files stay root-owned (read-only to uid 1000) and there is no volume to write into.
    for (const copy of byKeyword(runtime, 'COPY')) expect(flag(copy, 'chown')).toBeNull();
    expect(byKeyword(runtime, 'VOLUME')).toHaveLength(0);
  });

  it('starts node in exec form on a file compiled from a real source', () => {
    expect(argv).toHaveLength(2);
    expect(argv[0]).toBe('node');
    expect(entryDir, `${entry} is in a workspace`).not.toBe('');
    const { rootDir = '.', outDir = '.' } = tsconfig(entryDir).compilerOptions ?? {};
    const inOut = path.posix.relative(path.posix.join(entryDir, outDir), entry);
    expect(inOut.startsWith('..'), `${entry} is under ${entryDir}/${outDir}`).toBe(false);
    const source = path.posix.join(entryDir, rootDir, inOut).replace(/\.js$/, '.ts');
    expect(existsSync(path.join(repoRoot, source)), `${source} exists`).toBe(true);
    // After tsc -b (npm run typecheck runs it before the tests), the built file is there too.
    if (existsSync(path.join(repoRoot, entryDir, outDir))) {
      expect(existsSync(path.join(repoRoot, entry)), `${entry} was built`).toBe(true);
    }
  });

  it('compiles the entry workspace, having copied the sources of everything tsc -b builds', () => {
    const build = stages.slice(0, -1);
    expect(build.flatMap(tscProjects)).toContain(entryDir);
    for (const stage of build) {
      const copied = byKeyword(stage, 'COPY').flatMap((c) => words(c).slice(0, -1));
      for (const dir of tscProjects(stage).flatMap((p) => [...referenceClosure(p)])) {
        expect(copied, dir).toContain(`${dir}/src`);
        expect(copied, dir).toContain(`${dir}/tsconfig.json`);
      }
    }
  });

  it('installs production deps of exactly the workspaces it runs, with their built code', () => {
    const needed = referenceClosure(entryDir);
    const cis = npmCis(runtime);
    expect(cis).toHaveLength(1);
    expect(cis[0]!.args).toContain('--omit=dev');
    expect(new Set(cis[0]!.workspaces.map(dirOf))).toEqual(needed);
    const copies = byKeyword(runtime, 'COPY').map((c) => ({ from: flag(c, 'from'), w: words(c) }));
    for (const dir of needed) {
      const manifest = copies.some(
        (c) => !c.from && c.w.slice(0, -1).includes(`${dir}/package.json`),
      );
      expect(manifest, `${dir}/package.json copied`).toBe(true);
      const built = copies.some((c) => c.from && c.w[0]?.endsWith(`/${dir}/dist`));
      expect(built, `${dir}/dist copied from the build`).toBe(true);
    }
  });

  it('never runs install scripts (the root postinstall builds LiveKit) in any stage', () => {
    for (const stage of stages) {
      for (const ci of npmCis(stage)) expect(ci.args).toContain('--ignore-scripts');
    }
  });

  it('copies only what the build context has, or what an earlier stage built', () => {
    const patterns = dockerignore();
    expect(patterns.filter((p) => p.startsWith('!'))).toEqual([]);
    stages.forEach((stage, index) => {
      for (const copy of byKeyword(stage, 'COPY')) {
        const sources = words(copy).slice(0, -1);
        const from = flag(copy, 'from');
        if (!from) {
          for (const s of sources) {
            expect(existsSync(path.join(repoRoot, s)), `${s} exists`).toBe(true);
            expect(ignored(s, patterns), `.dockerignore leaves out ${s}`).toBe(false);
          }
          continue;
        }
        const source = stages.findIndex((s) => s.name === from);
        expect(source, `stage ${from} exists`).toBeGreaterThanOrEqual(0);
        expect(source, `stage ${from} comes earlier`).toBeLessThan(index);
        for (const s of sources) expect(outputs(stages[source]!), s).toContain(s);
      }
    });
  });
});

interface BakeTarget {
  inherits?: string[];
  dockerfile?: string;
  context?: string;
  platforms?: string[];
  tags?: string[];
  labels?: Record<string, string>;
  'cache-from'?: string[];
  'cache-to'?: string[];
}
interface Bake {
  variable?: Record<string, { default?: string }[]>;
  group?: Record<string, { targets?: string[] }[]>;
  target?: Record<string, BakeTarget[]>;
}

describe('deployment/docker-bake.hcl', () => {
  // Parsed by HashiCorp's HCL parser (compiled to WebAssembly in @cdktn/hcl2json); expressions
  // come back as their "${...}" template text, which is what these checks compare.
  let bake: Bake;
  const targets = () => bake.target ?? {};
  /** A target's attributes with its `inherits` applied, labels merged as bake merges them. */
  const resolve = (name: string): BakeTarget => {
    const own = targets()[name]?.[0] ?? {};
    const parents = (own.inherits ?? []).map(resolve);
    const merged: BakeTarget = {};
    for (const layer of [...parents, own]) Object.assign(merged, layer);
    const labels: Record<string, string> = {};
    for (const layer of [...parents, own]) Object.assign(labels, layer.labels);
    return { ...merged, labels };
  };
  const images = () => Object.keys(targets()).filter((name) => !name.startsWith('_'));

  beforeAll(async () => {
    const { parse } = await import('@cdktn/hcl2json');
    const file = path.join(repoRoot, 'deployment/docker-bake.hcl');
    bake = (await parse('docker-bake.hcl', readFileSync(file, 'utf8'))) as Bake;
  });

  it('has exactly the contract images, all in the default group', () => {
    expect(new Set(images())).toEqual(new Set(Object.keys(IMAGES)));
    expect(new Set(bake.group?.default?.[0]?.targets)).toEqual(new Set(Object.keys(IMAGES)));
  });

  it('defaults REGISTRY to the DigitalOcean registry and has a TAG that is never latest', () => {
    const variable = (name: string) => bake.variable?.[name]?.[0];
    expect(variable('REGISTRY')?.default).toBe('registry.digitalocean.com/gomeet');
    expect(variable('TAG')).toBeDefined();
    expect(variable('TAG')?.default).not.toMatch(/latest/);
    expect(variable('TAG')?.default).toContain('GIT_SHA');
  });

  it.each(Object.entries(IMAGES))(
    '%s: its Dockerfile, context root, both platforms, tag, OCI labels and cache',
    (name, dockerfile) => {
      const target = resolve(name);
      expect(target.dockerfile).toBe(dockerfile);
      expect(existsSync(path.join(repoRoot, dockerfile))).toBe(true);
      expect(target.context).toBe('.');
      expect(target.platforms).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm64']));
      expect(target.tags).toEqual([`\${REGISTRY}/${name}:\${TAG}`]);
      for (const label of ['source', 'revision', 'version']) {
        expect(target.labels?.[`org.opencontainers.image.${label}`], label).toBeTruthy();
      }
      expect(target['cache-from']?.join()).toContain(`\${REGISTRY}/${name}:buildcache`);
      expect(target['cache-to']?.join()).toContain(`\${REGISTRY}/${name}:buildcache`);
    },
  );
});
