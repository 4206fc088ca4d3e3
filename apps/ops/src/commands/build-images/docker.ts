import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT, ExitError } from '../../cli/exit.js';
import { checkTag } from './plan.js';
import { lastLines, type CommandRunner } from './run-command.js';

/** Finds an executable on the injected PATH (not the process's). */
export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Stops with exit 3 and one line unless a Docker engine with buildx answers. */
export async function requireDocker(run: CommandRunner, env: NodeJS.ProcessEnv): Promise<string> {
  const info = await run('docker', ['info', '--format', '{{.ServerVersion}}'], {
    env,
    timeoutMs: 30_000,
  });
  if (info.notFound)
    throw new ExitError(
      EXIT.UNREACHABLE,
      'docker not found on PATH: install Docker Engine 20.10+ with the buildx plugin, or use --dry-run to see the plan',
    );
  if (info.code !== 0)
    throw new ExitError(
      EXIT.UNREACHABLE,
      `Docker engine not reachable (${lastLines(info.stderr || info.stdout, 1) || `docker info exited ${info.code}`}): start Docker, or use --dry-run to see the plan`,
    );
  const buildx = await run('docker', ['buildx', 'version'], { env, timeoutMs: 30_000 });
  if (buildx.code !== 0)
    throw new ExitError(
      EXIT.UNREACHABLE,
      'docker buildx is not installed: install the buildx plugin (BuildKit), e.g. apt-get install docker-buildx-plugin',
    );
  return info.stdout.trim();
}

/**
 * The default tag: `git describe --tags --always --dirty` (a release tag, or the short commit
 * SHA, marked -dirty with uncommitted changes). Never `latest`.
 */
export async function defaultTag(
  run: CommandRunner,
  env: NodeJS.ProcessEnv,
  root: string,
): Promise<string> {
  const r = await run('git', ['describe', '--tags', '--always', '--dirty'], {
    env,
    cwd: root,
    timeoutMs: 10_000,
  });
  const tag = r.stdout.trim();
  if (r.code !== 0 || !tag)
    throw new ExitError(EXIT.USAGE, 'cannot derive an image tag from git: pass --tag');
  return checkTag(tag);
}

function dockerConfigHasLogin(env: NodeJS.ProcessEnv, host: string): boolean {
  const dir = env.DOCKER_CONFIG ?? path.join(env.HOME ?? '', '.docker');
  try {
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as {
      auths?: Record<string, unknown>;
      credHelpers?: Record<string, unknown>;
    };
    return Boolean(config.auths?.[host] ?? config.credHelpers?.[host]);
  } catch {
    return false;
  }
}

/**
 * Before a push to DigitalOcean's registry: a login in the Docker config, else `doctl registry
 * login` when doctl and a token are there, else exit 1 saying how to log in.
 */
export async function ensureRegistryLogin(
  run: CommandRunner,
  env: NodeJS.ProcessEnv,
  registry: string,
): Promise<'present' | 'logged-in' | 'not-needed'> {
  const host = registry.split('/')[0] ?? registry;
  if (host !== 'registry.digitalocean.com') return 'not-needed';
  if (dockerConfigHasLogin(env, host)) return 'present';
  const token = env.DIGITALOCEAN_ACCESS_TOKEN ?? env.DIGITALOCEAN_TOKEN;
  if (token && onPath('doctl', env)) {
    const r = await run('doctl', ['registry', 'login', '--expiry-seconds', '3600'], {
      env: { ...env, DIGITALOCEAN_ACCESS_TOKEN: token },
      timeoutMs: 60_000,
    });
    if (r.code === 0) return 'logged-in';
    throw new ExitError(EXIT.FAILED, `doctl registry login failed: ${lastLines(r.stderr, 1)}`);
  }
  throw new ExitError(
    EXIT.FAILED,
    `not logged in to ${host}: run doctl registry login (needs DIGITALOCEAN_TOKEN), or build without pushing with --no-push`,
  );
}

/** The vulnerability scanner on PATH, trivy first. */
export function findScanner(env: NodeJS.ProcessEnv): 'trivy' | 'grype' | undefined {
  if (onPath('trivy', env)) return 'trivy';
  if (onPath('grype', env)) return 'grype';
  return undefined;
}

/** argv of a scan that fails on fixable HIGH or CRITICAL findings. */
export function scanArgs(scanner: 'trivy' | 'grype', image: string): string[] {
  return scanner === 'trivy'
    ? [
        'image',
        '--quiet',
        '--severity',
        'HIGH,CRITICAL',
        '--ignore-unfixed',
        '--exit-code',
        '1',
        image,
      ]
    : [image, '--only-fixed', '--fail-on', 'high'];
}
