import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerMessage } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startGoMeet, type RunningGoMeet } from '../src/index.js';

const haveLiveKit = existsSync(
  fileURLToPath(new URL('../../../.bin/livekit-server', import.meta.url)),
);

/** A socket client that keeps every message it receives. */
async function connect(base: string, meeting: string, token: string) {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws`);
  const received: ServerMessage[] = [];
  ws.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as ServerMessage));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'hello', v: 1, meeting, token }));
  const next = async <T extends ServerMessage['type']>(type: T, ms = 10_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = received.find((m) => m.type === type);
      if (found) return found as Extract<ServerMessage, { type: T }>;
      if (Date.now() > deadline)
        throw new Error(
          `no ${type} within ${ms} ms; got ${received.map((m) => m.type).join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { ws, received, next };
}

async function call(
  base: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe.skipIf(!haveLiveKit)('real time through the all-in-one server', () => {
  let gomeet: RunningGoMeet;
  beforeAll(async () => {
    gomeet = await startGoMeet({ logLevel: false });
  });
  afterAll(async () => {
    await gomeet?.close();
  });

  it('admits a guest from the lobby over its socket, then carries chat between them', async () => {
    const host = await call(gomeet.url, 'POST', '/api/auth/register', undefined, {
      email: `rt-${Date.now()}@example.test`,
      password: 'correct horse battery',
      displayName: 'Hana Host',
    });
    const hostToken = host.body.accessToken as string;
    const meeting = await call(gomeet.url, 'POST', '/api/meetings', hostToken, {
      title: 'Lobby',
      settings: { lobby: true },
    });
    const code = meeting.body.code as string;
    expect(
      (await call(gomeet.url, 'POST', `/api/meetings/${code}/join`, hostToken, {})).status,
    ).toBe(200);
    const hostSocket = await connect(gomeet.url, code, hostToken);
    expect((await hostSocket.next('welcome')).you).toMatchObject({ role: 'host', state: 'joined' });

    const guest = await call(gomeet.url, 'POST', '/api/auth/guest', undefined, {
      meetingCode: code,
      displayName: 'Gus Guest',
    });
    const guestToken = guest.body.accessToken as string;
    const waiting = await call(gomeet.url, 'POST', `/api/meetings/${code}/join`, guestToken, {});
    expect(waiting.status).toBe(202);
    const guestSocket = await connect(gomeet.url, code, guestToken);
    expect((await guestSocket.next('welcome')).you.state).toBe('waiting');
    const queued = await hostSocket.next('lobby.waiting');
    expect(queued.entry.name).toBe('Gus Guest');

    // Nothing hands the waiting guest a token before the host admits them.
    expect(
      (await call(gomeet.url, 'POST', `/api/meetings/${code}/join`, guestToken, {})).status,
    ).toBe(202);
    const admit = await call(
      gomeet.url,
      'POST',
      `/api/meetings/${code}/lobby/${encodeURIComponent(queued.entry.identity)}/admit`,
      hostToken,
    );
    expect(admit.status).toBeLessThan(300);
    const admitted = await guestSocket.next('lobby.admitted');
    expect(admitted.token).toMatch(/^ey/);
    expect(admitted.livekitUrl).toBe(gomeet.livekitUrl);
    expect(hostSocket.received.some((m) => m.type === 'lobby.admitted')).toBe(false);

    const posted = await call(gomeet.url, 'POST', `/api/chat/${code}/messages`, hostToken, {
      clientId: 'c-1',
      text: 'welcome in',
    });
    expect(posted.status).toBe(201);
    const message = await guestSocket.next('chat.message');
    expect(message.message).toMatchObject({ text: 'welcome in', from: { name: 'Hana Host' } });

    hostSocket.ws.close();
    guestSocket.ws.close();
  });
});
