import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopChild } from '@gomeet/testing';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livekitChecks } from '../../src/commands/health-check/checks/livekit.js';
import type { CheckContext } from '../../src/commands/health-check/check-context.js';

/** The pinned LiveKit server scripts/install-livekit.sh builds into .bin/. */
const LIVEKIT_BIN = fileURLToPath(new URL('../../../../.bin/livekit-server', import.meta.url));
const KEY = 'opstestkey';
const SECRET = 'ops-test-secret-with-at-least-32-characters';

if (process.env.CI === 'true' && !existsSync(LIVEKIT_BIN))
  throw new Error('LiveKit is required in CI');

describe.skipIf(!existsSync(LIVEKIT_BIN))(
  'health-check LiveKit check against a real LiveKit server',
  () => {
    let child: ChildProcess;
    let dir: string;
    let url: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'gomeet-ops-livekit-'));
      const [http, tcp, udp] = [await freePort(), await freePort(), await freePort()];
      const config = path.join(dir, 'livekit.yaml');
      writeFileSync(
        config,
        `port: ${http}\nbind_addresses: ['127.0.0.1']\nrtc:\n  tcp_port: ${tcp}\n  udp_port: ${udp}\n  use_external_ip: false\n  node_ip: 127.0.0.1\nkeys:\n  ${KEY}: ${SECRET}\nlogging:\n  level: warn\n`,
      );
      child = spawn(LIVEKIT_BIN, ['--config', config], { stdio: 'ignore' });
      url = `ws://127.0.0.1:${http}`;
      const deadline = Date.now() + 20_000;
      while (
        Date.now() < deadline &&
        !(await fetch(`http://127.0.0.1:${http}/`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        await new Promise((r) => setTimeout(r, 200));
      }
    }, 30_000);
    afterAll(async () => {
      // LiveKit drains instead of exiting on SIGTERM while rooms exist: delete them first,
      // then stop it with a bounded grace.
      if (child) {
        const rooms = new RoomServiceClient(url, KEY, SECRET);
        await rooms
          .listRooms()
          .then((list) => Promise.all(list.map((r) => rooms.deleteRoom(r.name))))
          .catch(() => undefined);
        await stopChild(child, 3_000);
      }
      rmSync(dir, { recursive: true, force: true });
    });

    const ctx = (env: NodeJS.ProcessEnv): CheckContext => ({
      target: 'local',
      namespace: 'gomeet',
      env,
      fetch,
      now: () => new Date(),
      timeoutMs: 5000,
    });

    it('passes and counts rooms through RoomService ListRooms', async () => {
      await new RoomServiceClient(url, KEY, SECRET).createRoom({
        name: 'ops-health-room',
        emptyTimeout: 60,
      });
      const [check] = await livekitChecks(
        ctx({ LIVEKIT_URL: url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET }),
      );
      expect(check).toMatchObject({
        name: 'livekit',
        status: 'pass',
        value: 0,
        message: '1 room(s), 0 participant(s)',
      });
    });

    it('fails with a wrong API secret, without printing it', async () => {
      const [check] = await livekitChecks(
        ctx({
          LIVEKIT_URL: url,
          LIVEKIT_API_KEY: KEY,
          LIVEKIT_API_SECRET: 'not-the-secret-not-the-secret-not-the-secret',
        }),
      );
      expect(check?.status).toBe('fail');
      expect(check?.message).toMatch(
        /^RoomService at http:\/\/127\.0\.0\.1:\d+|^RoomService at ws:\/\/127\.0\.0\.1:\d+/,
      );
      expect(check?.message).not.toContain('not-the-secret');
    });
  },
);
