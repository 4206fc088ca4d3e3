import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@gomeet/platform';
import { stopChild } from '@gomeet/testing';
import { RoomServiceClient } from 'livekit-server-sdk';

const binary = fileURLToPath(new URL('../../../../.bin/livekit-server', import.meta.url));

/** A LiveKit started for one test run. */
export interface TestLiveKit {
  url: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts .bin/livekit-server on `address` (the test namespace's server end: rtc-node ignores
 * loopback candidates) with one key pair, and waits until it answers.
 */
export async function startTestLiveKit(address: string): Promise<TestLiveKit> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-recorder-lk-'));
  const [port, udpPort, tcpPort] = [
    await freePort(address),
    await freePort(address),
    await freePort(address),
  ];
  const apiKey = 'recorderkey';
  const apiSecret = 'recorder-test-secret-of-at-least-32-chars';
  const config = path.join(dir, 'livekit.yaml');
  writeFileSync(
    config,
    [
      `port: ${port}`,
      'rtc:',
      `  udp_port: ${udpPort}`,
      `  tcp_port: ${tcpPort}`,
      '  use_external_ip: false',
      '  enable_loopback_candidate: false',
      'keys:',
      `  ${apiKey}: ${apiSecret}`,
      'logging:',
      '  level: warn',
    ].join('\n'),
    { mode: 0o600 },
  );
  const child = spawn(binary, ['--config', config, '--bind', address, '--node-ip', address], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const http = `http://${address}:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`LiveKit exited: ${log}`);
    const ok = await fetch(http, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stopChild(child, 1_000);
      throw new Error(`LiveKit did not answer within 30 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const rooms = new RoomServiceClient(http, apiKey, apiSecret);
  return {
    url: `ws://${address}:${port}`,
    apiKey,
    apiSecret,
    async stop() {
      // LiveKit ignores SIGTERM while rooms exist: delete them first, then a bounded grace.
      const list = await rooms.listRooms().catch(() => []);
      await Promise.allSettled(list.map((r) => rooms.deleteRoom(r.name)));
      await stopChild(child, 3_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
