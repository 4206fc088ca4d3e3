import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { withTimeout } from '@gomeet/platform';
import { RoomServiceClient } from 'livekit-server-sdk';
import { superviseChild } from './supervised-child.js';

/** How to run the embedded LiveKit SFU. */
export interface LiveKitProcessOptions {
  binary: string;
  dir: string;
  port: number;
  /** UDP port for WebRTC media (one muxed port). */
  udpPort: number;
  /** TCP fallback port for WebRTC media. */
  tcpPort: number;
  /** Where LiveKit listens (HOST; default 127.0.0.1). */
  bindAddress?: string;
  /** The address LiveKit advertises in ICE candidates (default: the bind address). */
  nodeIp?: string;
  apiKey: string;
  apiSecret: string;
  webhookUrl: string;
  redisUrl?: string | undefined;
  log: FastifyBaseLogger;
  /** How long LiveKit may take to exit after SIGTERM before it is killed (default 5 s). */
  stopGraceMs?: number;
}

/** A running LiveKit child; restarted when it crashes, stopped with the server. */
export interface LiveKitProcess {
  /** ws:// URL clients connect to. */
  url: string;
  /** Resolves when LiveKit answers its health endpoint. */
  ping(): Promise<void>;
  /** The PID of the LiveKit process running now (it changes after a restart); for tests. */
  pid(): number | undefined;
  /**
   * Drains and stops LiveKit: deletes every room (LiveKit ignores a single SIGTERM while a
   * room exists and would wait out its empty timeout), sends SIGTERM, and SIGKILL after the
   * grace period.
   */
  stop(): Promise<void>;
}

/**
 * The LiveKit config: bound to HOST (loopback by default), advertising `nodeIp`, the runbook's
 * room settings, webhooks to signaling.
 */
export function livekitConfig(o: Omit<LiveKitProcessOptions, 'binary' | 'dir' | 'log'>): string {
  const bind = o.bindAddress ?? '127.0.0.1';
  const nodeIp = o.nodeIp ?? (bind === '0.0.0.0' ? '127.0.0.1' : bind);
  const loopback = nodeIp.startsWith('127.');
  // Candidates only on the advertised address (plus loopback when LiveKit listens there), never
  // another of the machine's addresses.
  const ips = [
    `${nodeIp}/32`,
    ...(!loopback && (bind === '0.0.0.0' || bind.startsWith('127.')) ? ['127.0.0.1/32'] : []),
  ];
  const lines = [
    `port: ${o.port}`,
    `bind_addresses: ["${bind}"]`,
    'rtc:',
    `  udp_port: ${o.udpPort}`,
    `  tcp_port: ${o.tcpPort}`,
    '  use_external_ip: false',
    `  node_ip: ${nodeIp}`,
    `  enable_loopback_candidate: ${loopback || bind === '0.0.0.0' ? 'true' : 'false'}`,
    // On loopback a lost keyframe is the only slow part of a join: ask for a new one sooner
    // than LiveKit's default (bench/join-time.ts: p95 1.4 s → under 1 s).
    '  pli_throttle:',
    '    low_quality: 100ms',
    '    mid_quality: 200ms',
    '    high_quality: 300ms',
    '  ips:',
    `    includes: [${ips.map((ip) => `"${ip}"`).join(', ')}]`,
    // Dynacast pauses a camera's layers nobody watches when a debounce (dynacast_pause_delay,
    // LiveKit's default 5 s) runs out. That timer starts at a viewer's first downgrade and a
    // later one does not restart it, so with a 5 s delay the pause lands at an arbitrary
    // moment a few seconds after a short visit, often inside the next guest's join: the host
    // pauses and resumes its layers and the guest waits for both before a keyframe
    // (bench/join-time.ts traces the host's layers; such joins took 0.9-2.7 s). 30 s makes
    // that collision rarer, at the cost of sending an unwatched layer a little longer.
    'video:',
    '  dynacast_pause_delay: 30s',
    'room:',
    '  empty_timeout: 300',
    '  max_participants: 500',
    'keys:',
    `  ${o.apiKey}: ${o.apiSecret}`,
    'webhook:',
    `  api_key: ${o.apiKey}`,
    '  urls:',
    `    - ${o.webhookUrl}`,
    'logging:',
    '  level: warn',
  ];
  if (o.redisUrl) {
    const u = new URL(o.redisUrl);
    lines.push('redis:', `  address: ${u.hostname}:${u.port || '6379'}`);
    if (u.password) lines.push(`  password: ${decodeURIComponent(u.password)}`);
    if (u.pathname.length > 1) lines.push(`  db: ${Number(u.pathname.slice(1))}`);
    if (u.protocol === 'rediss:') lines.push('  use_tls: true');
  }
  return lines.join('\n') + '\n';
}

/**
 * Starts LiveKit from `binary` with a generated config (mode 0600: it holds the API secret).
 * If it exits unexpectedly the server logs it and restarts it with backoff.
 */
export async function startLiveKit(options: LiveKitProcessOptions): Promise<LiveKitProcess> {
  const binary = path.resolve(options.binary);
  if (!existsSync(binary)) {
    throw new Error(
      `LiveKit server not found at ${options.binary}. Run "bash scripts/install-livekit.sh" (needs Go), ` +
        'or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use a LiveKit server you run.',
    );
  }
  await mkdir(options.dir, { recursive: true });
  const configFile = path.join(options.dir, 'livekit.yaml');
  await writeFile(configFile, livekitConfig(options), { mode: 0o600 });
  const bind = options.bindAddress ?? '127.0.0.1';
  const nodeIp = options.nodeIp ?? (bind === '0.0.0.0' ? '127.0.0.1' : bind);
  // LiveKit's own API is reached where it listens; a wildcard bind includes loopback.
  const httpUrl = `http://${bind === '0.0.0.0' ? '127.0.0.1' : bind}:${options.port}`;
  const log = options.log.child({ component: 'livekit' });

  const supervised = superviseChild('LiveKit', log, () => {
    const child = spawn(binary, ['--config', configFile, '--bind', bind, '--node-ip', nodeIp], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => log.debug(d.toString().trim()));
    child.stderr?.on('data', (d: Buffer) => log.debug(d.toString().trim()));
    return child;
  });

  const ping = async () => {
    const res = await fetch(httpUrl, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`LiveKit answered ${res.status}`);
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await ping();
      break;
    } catch (error) {
      const exitCode = supervised.current()?.exitCode;
      if (exitCode !== null && exitCode !== undefined && supervised.restarts() === 0) {
        supervised.abandon();
        throw new Error(`LiveKit failed to start (exit code ${exitCode})`, { cause: error });
      }
      if (Date.now() > deadline) {
        supervised.abandon();
        throw new Error('LiveKit did not become ready within 20 s', { cause: error });
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  log.info({ url: `ws://${nodeIp}:${options.port}`, bind }, 'LiveKit started');

  const rooms = new RoomServiceClient(httpUrl, options.apiKey, options.apiSecret);
  const graceMs = options.stopGraceMs ?? 5_000;
  return {
    url: httpUrl.replace(/^http/, 'ws'),
    ping,
    pid: supervised.pid,
    stop: () =>
      supervised.stop({
        graceMs,
        beforeTerm: () =>
          deleteAllRooms(rooms, Math.min(graceMs, 3_000)).catch((err: unknown) =>
            log.warn({ err }, 'could not delete LiveKit rooms before stopping; it will be killed'),
          ),
      }),
  };
}

/** Deletes every room, so LiveKit has nothing left to drain; bounded by `ms`. */
async function deleteAllRooms(rooms: RoomServiceClient, ms: number): Promise<void> {
  const work = (async () => {
    const list = await rooms.listRooms();
    await Promise.all(list.map((room) => rooms.deleteRoom(room.name)));
  })();
  await withTimeout(work, ms, 'deleting LiveKit rooms');
}
