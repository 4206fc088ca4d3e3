/**
 * A LiveKit server bound to one address of a test network namespace (192.0.2.x), for media
 * bots (@livekit/rtc-node ignores loopback candidates). Used by the loadtest test and by
 * bench/meeting-500.ts and bench/livekit-multinode.ts, which all run inside `startInTestNetns`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild } from '@gomeet/testing';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const LIVEKIT_BIN = process.env.LIVEKIT_BIN ?? path.join(repoRoot, '.bin/livekit-server');

/** Dev credentials shared by the node(s) and GoMeet in a test (never used outside one). */
export const TEST_LIVEKIT_KEYS = {
  apiKey: 'loadtestkey',
  apiSecret: 'loadtest-secret-of-at-least-thirty-two-chars',
};

export interface LiveKitNodeOptions {
  address: string;
  port: number;
  /** Prometheus /metrics port. */
  metricsPort: number;
  udpPort: number;
  tcpPort: number;
  redisUrl?: string;
  webhookUrl?: string;
  /** Extra YAML lines appended to the config. */
  extra?: string[];
}

export interface LiveKitNode {
  url: string;
  httpUrl: string;
  metricsUrl: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** The config of one node: bound to `address`, advertising it, Redis when given. */
export function livekitNodeConfig(o: LiveKitNodeOptions): string {
  const lines = [
    `port: ${o.port}`,
    `bind_addresses: ["${o.address}"]`,
    `prometheus_port: ${o.metricsPort}`,
    'rtc:',
    `  udp_port: ${o.udpPort}`,
    `  tcp_port: ${o.tcpPort}`,
    '  use_external_ip: false',
    `  node_ip: ${o.address}`,
    '  ips:',
    `    includes: ["${o.address}/32"]`,
    'room:',
    '  empty_timeout: 30',
    '  max_participants: 600',
    'keys:',
    `  ${TEST_LIVEKIT_KEYS.apiKey}: ${TEST_LIVEKIT_KEYS.apiSecret}`,
    'logging:',
    '  level: warn',
  ];
  if (o.webhookUrl)
    lines.push(
      'webhook:',
      `  api_key: ${TEST_LIVEKIT_KEYS.apiKey}`,
      '  urls:',
      `    - ${o.webhookUrl}`,
    );
  if (o.redisUrl) lines.push('redis:', `  address: ${new URL(o.redisUrl).host}`);
  return [...lines, ...(o.extra ?? [])].join('\n') + '\n';
}

/** Starts one LiveKit node and waits (≤ 20 s) until it answers. */
export async function startLiveKitNode(o: LiveKitNodeOptions): Promise<LiveKitNode> {
  if (!existsSync(LIVEKIT_BIN))
    throw new Error(`LiveKit not found at ${LIVEKIT_BIN} (bash scripts/install-livekit.sh)`);
  const dir = await mkdtemp(path.join(tmpdir(), 'gomeet-lk-'));
  const config = path.join(dir, 'livekit.yaml');
  await writeFile(config, livekitNodeConfig(o), { mode: 0o600 });
  const child = spawn(LIVEKIT_BIN, ['--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const httpUrl = `http://${o.address}:${o.port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`LiveKit exited ${child.exitCode}: ${out}`);
    const ok = await fetch(httpUrl, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`LiveKit did not answer within 20 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url: `ws://${o.address}:${o.port}`,
    httpUrl,
    metricsUrl: `http://${o.address}:${o.metricsPort}/metrics`,
    child,
    output: () => out,
    stop: () => stopChild(child, 5_000),
  };
}
