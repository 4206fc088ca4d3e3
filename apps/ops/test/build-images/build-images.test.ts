import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.js';
import { buildImagesCommand, type BuildReport } from '../../src/commands/build-images/index.js';
import type { CommandRunner } from '../../src/commands/build-images/run-command.js';
import { Capture } from '../harness/run-cli.js';
import { runRunbookLine } from '../harness/runbook-line.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const ALL = [
  'auth-service',
  'meeting-service',
  'signaling-service',
  'chat-service',
  'recorder',
  'frontend',
];

/** Runs the runbook's wrapper from the repo root exactly as written (plus what the test adds). */
const script = (args: string[], env?: NodeJS.ProcessEnv) =>
  runRunbookLine(['./deployment/digitalocean/build-images.sh', ...args], env);

async function plan(line: string[]): Promise<BuildReport> {
  const r = await script([...line, '--dry-run', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as BuildReport;
}

describe('build-images.sh --dry-run prints the bake plan for each runbook line', () => {
  it('./deployment/digitalocean/build-images.sh: all six images for both architectures, tagged from git, pushed', async () => {
    const p = await plan([]);
    expect(p.targets).toEqual(ALL);
    expect(p.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(p.push).toBe(true);
    expect(p.tag).not.toBe('latest');
    expect(p.tag).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
    expect(p.images[0]).toBe(`registry.digitalocean.com/gomeet/auth-service:${p.tag}`);
    expect(p.commands).toHaveLength(1);
    expect(p.commands[0]).toContain('docker buildx bake --file deployment/docker-bake.hcl');
    expect(p.commands[0]).toContain("--set '*.platform=linux/amd64,linux/arm64'");
    expect(p.commands[0]).toMatch(
      /--push auth-service meeting-service signaling-service chat-service recorder frontend$/,
    );
  });

  it('--services auth-service,meeting-service builds only those two', async () => {
    const p = await plan(['--services', 'auth-service,meeting-service']);
    expect(p.targets).toEqual(['auth-service', 'meeting-service']);
    expect(p.commands[0]).toMatch(/ auth-service meeting-service$/);
  });

  it('--tag v1.2.3 tags every image v1.2.3', async () => {
    const p = await plan(['--tag', 'v1.2.3']);
    expect(p.images).toEqual(ALL.map((t) => `registry.digitalocean.com/gomeet/${t}:v1.2.3`));
    expect(p.commands[0]).toMatch(
      /^TAG=v1\.2\.3 REGISTRY=registry\.digitalocean\.com\/gomeet docker /,
    );
  });

  it('--parallel 8 builds all six in one bake run; --parallel 2 in three', async () => {
    expect((await plan(['--parallel', '8'])).commands).toHaveLength(1);
    const two = await plan(['--parallel', '2']);
    expect(two.commands).toHaveLength(3);
    expect(two.commands[2]).toMatch(/ frontend$/);
  });

  it('--update-base-images pulls newer bases (--pull)', async () => {
    const p = await plan(['--update-base-images']);
    expect(p.pullBaseImages).toBe(true);
    expect(p.commands[0]).toContain(' --pull ');
    expect((await plan([])).commands[0]).not.toContain('--pull');
  });

  it('an unknown service is a usage error naming the known ones, exit 2', async () => {
    const r = await script(['--services', 'auth-service,egress', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: unknown service egress: known are auth-service, meeting-service, signaling-service, chat-service, recorder, frontend\n',
    );
  });

  it('without docker on PATH says so in one line and exits 3', async () => {
    const PATH = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((d) => d && !existsSync(path.join(d, 'docker')))
      .join(path.delimiter);
    const r = await script(['--tag', 'v1.2.3'], { PATH });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'error: docker not found on PATH: install Docker Engine 20.10+ with the buildx plugin, or use --dry-run to see the plan\n',
    );
  });
});

describe('build-images with a fake docker (the exact argv of a real run)', () => {
  function fakeDocker() {
    const calls: { file: string; args: string[]; env: NodeJS.ProcessEnv; cwd?: string }[] = [];
    const runner: CommandRunner = (file, args, options) => {
      calls.push({
        file,
        args: [...args],
        env: options.env,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
      const stdout = args[0] === 'info' ? '28.2.2\n' : '';
      return Promise.resolve({ code: 0, stdout, stderr: '' });
    };
    return { calls, runner };
  }

  async function cli(argv: string[], runner: CommandRunner, env: NodeJS.ProcessEnv) {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await run(argv, { env, stdout, stderr, cwd: root }, [buildImagesCommand(runner)]);
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('checks the engine, then runs one bake per --parallel batch with tags, platforms and --push', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gomeet-build-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(
      path.join(home, '.docker', 'config.json'),
      JSON.stringify({ auths: { 'registry.digitalocean.com': {} } }),
    );
    const fake = fakeDocker();
    const r = await cli(
      [
        'build-images',
        '--services',
        'chat-service,auth-service',
        '--tag',
        'v1.2.3',
        '--parallel',
        '1',
        '--update-base-images',
      ],
      fake.runner,
      { HOME: home, PATH: home },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(fake.calls.map((c) => [c.file, ...c.args])).toEqual([
      ['docker', 'info', '--format', '{{.ServerVersion}}'],
      ['docker', 'buildx', 'version'],
      ...['auth-service', 'chat-service'].map((t) => [
        'docker',
        'buildx',
        'bake',
        '--file',
        'deployment/docker-bake.hcl',
        '--set',
        '*.platform=linux/amd64,linux/arm64',
        '--set',
        `${t}.tags=registry.digitalocean.com/gomeet/${t}:v1.2.3`,
        '--pull',
        '--push',
        t,
      ]),
    ]);
    const bake = fake.calls[2];
    expect(bake?.cwd).toBe(root);
    expect(bake?.env).toMatchObject({
      TAG: 'v1.2.3',
      REGISTRY: 'registry.digitalocean.com/gomeet',
    });
    expect(r.stdout).toContain('build-images built: tag v1.2.3');
    expect(r.stdout).toContain('scan        skipped: neither trivy nor grype is on PATH');
  });

  it('refuses to push without a registry login and says how to log in, exit 1', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gomeet-build-'));
    const fake = fakeDocker();
    const r = await cli(['build-images', '--tag', 'v1.2.3'], fake.runner, {
      HOME: home,
      PATH: home,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'not logged in to registry.digitalocean.com: run doctl registry login',
    );
    expect(fake.calls.some((c) => c.args[1] === 'bake')).toBe(false);
  });

  it('scans each pushed image with trivy when it is on PATH', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gomeet-build-'));
    writeFileSync(path.join(home, 'trivy'), '', { mode: 0o755 });
    const fake = fakeDocker();
    const r = await cli(
      [
        'build-images',
        '--services',
        'frontend',
        '--tag',
        'v1.2.3',
        '--registry',
        'registry.example.test/gomeet',
        '--format',
        'json',
      ],
      fake.runner,
      { HOME: home, PATH: home },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(fake.calls.at(-1)).toMatchObject({
      file: 'trivy',
      args: [
        'image',
        '--quiet',
        '--severity',
        'HIGH,CRITICAL',
        '--ignore-unfixed',
        '--exit-code',
        '1',
        'registry.example.test/gomeet/frontend:v1.2.3',
      ],
    });
    expect((JSON.parse(r.stdout) as BuildReport).scans).toEqual([
      expect.objectContaining({ status: 'passed' }),
    ]);
  });
});
