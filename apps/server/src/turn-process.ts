import { spawn, spawnSync } from 'node:child_process';
import { chownSync, createWriteStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { superviseChild } from './supervised-child.js';

/** How to run the embedded coturn. */
export interface TurnProcessOptions {
  /** `turnserver`, a path, or a name looked up on PATH. */
  binary: string;
  dir: string;
  /** Where coturn listens (HOST; 0.0.0.0 for every address). */
  listenAddress: string;
  /** The address coturn relays from and that clients are told about. */
  relayAddress: string;
  port: number;
  /** Relay ports, e.g. [49160, 49359]. */
  relayPorts: [number, number];
  secret: string;
  log: FastifyBaseLogger;
}

/** A running coturn, restarted if it crashes, stopped by PID with the server. */
export interface TurnProcess {
  /** `turn:` URLs over UDP and TCP for browsers. */
  urls: string[];
  /** The log file coturn writes (allocations show up here). */
  logFile: string;
  pid(): number | undefined;
  stop(): Promise<void>;
}

/** The binary to run, or undefined when coturn is not installed. */
export function findTurnServer(binary: string): string | undefined {
  if (binary.includes('/')) return existsSync(binary) ? binary : undefined;
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/sbin']) {
    const candidate = path.join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** coturn's config: REST-API shared secret, no CLI, no TLS listeners, one log file. */
export function turnConfig(
  o: Omit<TurnProcessOptions, 'binary' | 'dir' | 'log'>,
  logFile: string,
): string {
  const lines = [
    `listening-port=${o.port}`,
    ...(o.listenAddress === '0.0.0.0' ? [] : [`listening-ip=${o.listenAddress}`]),
    `relay-ip=${o.relayAddress}`,
    `min-port=${o.relayPorts[0]}`,
    `max-port=${o.relayPorts[1]}`,
    'use-auth-secret',
    `static-auth-secret=${o.secret}`,
    'realm=gomeet',
    'fingerprint',
    'no-cli',
    'no-tls',
    'no-dtls',
    'no-multicast-peers',
    // The embedded LiveKit may itself be on loopback (the default), so relaying there is allowed.
    ...(o.relayAddress.startsWith('127.') ? ['allow-loopback-peers'] : []),
    // To stdout, which the supervisor appends to the log file: coturn's own file log is
    // block-buffered, so allocations would show up only minutes later.
    'log-file=stdout',
    'simple-log',
    // Session lines (allocations, permissions) in the log: what an operator checks TURN with.
    'verbose',
    // Its own files, not /var/lib/turn and /var/run, which the dropped user cannot write.
    `userdb=${path.join(path.dirname(logFile), 'turndb')}`,
    `pidfile=${path.join(path.dirname(logFile), 'turnserver.pid')}`,
  ];
  return lines.join('\n') + '\n';
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name]).status === 0;
}

/**
 * Starts coturn with a generated config (mode 0600: it holds the secret). As root it drops to
 * `nobody` after binding, and its log goes to a folder that user may write.
 */
export async function startTurnServer(o: TurnProcessOptions): Promise<TurnProcess> {
  await mkdir(o.dir, { recursive: true, mode: 0o700 });
  const logFile = path.join(o.dir, 'turnserver.log');
  const configFile = path.join(o.dir, 'turnserver.conf');
  await writeFile(configFile, turnConfig(o, logFile), { mode: 0o600 });
  const userDb = path.join(o.dir, 'turndb');
  // Created here so the user coturn drops to can open them (an empty file is an empty database).
  await writeFile(userDb, '', { flag: 'a', mode: 0o600 });
  const dropTo = process.getuid?.() === 0 && userExists('nobody') ? 'nobody' : undefined;
  if (dropTo) {
    const uid = Number(spawnSync('id', ['-u', dropTo], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', dropTo], { encoding: 'utf8' }).stdout.trim());
    chownSync(o.dir, uid, gid);
    chownSync(userDb, uid, gid);
  }
  const log = o.log.child({ component: 'coturn' });
  const args = ['-c', configFile, ...(dropTo ? ['--proc-user', dropTo] : [])];

  const logStream = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const stdbuf = ['/usr/bin/stdbuf', '/bin/stdbuf'].find((p) => existsSync(p));
  const supervised = superviseChild('coturn', log, () => {
    // stdbuf makes coturn's stdout line-buffered, so the log is current.
    const [cmd, argv] = stdbuf ? [stdbuf, ['-oL', o.binary, ...args]] : [o.binary, args];
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(logStream, { end: false });
    child.stderr?.on('data', (d: Buffer) => log.debug(d.toString().trim()));
    return child;
  });

  const probeHost = o.listenAddress === '0.0.0.0' ? '127.0.0.1' : o.listenAddress;
  const deadline = Date.now() + 10_000;
  const fail = (why: string) => {
    supervised.abandon();
    return new Error(`coturn ${why}; see ${logFile}`);
  };
  while (!(await tcpOpen(probeHost, o.port))) {
    const exitCode = supervised.current()?.exitCode;
    if (exitCode !== null && exitCode !== undefined)
      throw fail(`failed to start (exit code ${exitCode})`);
    if (Date.now() > deadline) throw fail('did not listen within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const urls = ['udp', 'tcp'].map((t) => `turn:${o.relayAddress}:${o.port}?transport=${t}`);
  log.info({ urls, logFile }, 'coturn started');

  return {
    urls,
    logFile,
    pid: supervised.pid,
    stop: async () => {
      await supervised.stop({ graceMs: 3_000 });
      logStream.end();
    },
  };
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, host);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
