import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBinary, freePort } from '@gomeet/platform';

/** A server a test started; `stop` ends it and removes its files. */
export interface StartedServer {
  url: string;
  stop(): Promise<void>;
}

/** A server a fault test can kill (no shutdown, as in a crash) and start again on its port. */
export interface RestartableServer extends StartedServer {
  kill(): Promise<void>;
  restart(): Promise<void>;
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
}

function run(cmd: string, args: string[], asUser?: string): void {
  const [bin, argv] = asUser ? ['runuser', ['-u', asUser, '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(bin, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
}

/**
 * Starts a throwaway PostgreSQL on a free loopback port with initdb + pg_ctl in a temp dir.
 * As root it runs as the `postgres` user, since PostgreSQL refuses to run as root.
 */
export async function startPostgres(): Promise<RestartableServer> {
  const initdb = findBinary('initdb');
  const pgCtl = findBinary('pg_ctl');
  if (!initdb || !pgCtl)
    throw new Error('PostgreSQL server binaries not found: apt-get install postgresql');
  const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], asUser);
  const start = () =>
    run(
      pgCtl,
      [
        '-D',
        data,
        '-l',
        path.join(dir, 'log'),
        '-w',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
        'start',
      ],
      asUser,
    );
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kill: () => Promise.resolve(run(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], asUser)),
    restart: () => Promise.resolve(start()),
    stop: async () => {
      try {
        // Already down when a fault test killed it and left it so.
        if (existsSync(path.join(data, 'postmaster.pid')))
          run(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], asUser);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return Promise.resolve();
    },
  };
}

/**
 * Stops a child process the test started, by its PID: SIGTERM, then SIGKILL once `graceMs`
 * has passed. Some servers ignore a single SIGTERM while they have work (LiveKit drains its
 * rooms first), so a test that only waited for the exit could hang.
 */
export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a throwaway redis-server on a free loopback port, with no persistence unless
 * `appendOnly` (a fault test that kills and restarts it, as a production Redis keeps its data).
 */
export async function startRedis(
  options: { appendOnly?: boolean } = {},
): Promise<RestartableServer & { process: ChildProcess; port: number }> {
  const bin = findBinary('redis-server');
  if (!bin) throw new Error('redis-server not found: apt-get install redis-server');
  const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-redis-'));
  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        options.appendOnly ? 'yes' : 'no',
        '--appendfsync',
        'always',
        '--dir',
        dir,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(
      () => out.includes('Ready to accept connections') || child.exitCode !== null,
      'redis-server',
    );
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${out}`);
    return child;
  };
  let child = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get process() {
      return child;
    },
    kill: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      child = await launch();
    },
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
