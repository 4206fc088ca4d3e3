import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChatMessage } from '@gomeet/protocol';
import { createEmptyDatabase } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGoMeet, type RunningGoMeet } from '../src/index.js';

// Chat (roster) and meeting (attendance) are separate services: only the whole server shows
// that history stays readable once meeting-service has cleared the roster at the end.
const haveLiveKit = existsSync(
  fileURLToPath(new URL('../../../.bin/livekit-server', import.meta.url)),
);
if (process.env.CI === 'true' && !haveLiveKit)
  throw new Error('LiveKit is required in CI: run scripts/install-livekit.sh');

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');
const backends = [
  { name: 'embedded PGlite', env: async () => ({}) },
  ...(postgresUrl && redisUrl
    ? [
        {
          name: 'PostgreSQL and Redis',
          env: async () => ({
            DATABASE_URL: await createEmptyDatabase(postgresUrl),
            REDIS_URL: redisUrl,
          }),
        },
      ]
    : []),
];

describe.skipIf(!haveLiveKit).each(backends)('chat history after the meeting on $name', (b) => {
  let gomeet: RunningGoMeet;
  beforeAll(async () => {
    gomeet = await startGoMeet({ logLevel: false, env: await b.env() });
  });
  afterAll(() => gomeet?.close());

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(gomeet.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
    };
  };
  const signUp = async (displayName: string) => {
    const res = await fetch(`${gomeet.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `${crypto.randomUUID()}@example.test`,
        password: 'correct horse battery',
        displayName,
      }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };

  it('lets the host and those who attended read the chat once it ended, and nobody else', async () => {
    const [host, ann, stranger] = await Promise.all(
      ['Hedy Host', 'Ann Attendee', 'Sam Stranger'].map(signUp),
    );
    if (!host || !ann || !stranger) throw new Error('three accounts');
    const created = await call('POST', '/api/meetings', host, {
      title: 'Retro',
      settings: { lobby: false },
    });
    const code = created.body.code as string;
    for (const token of [host, ann]) {
      expect((await call('POST', `/api/meetings/${code}/join`, token, {})).status).toBe(200);
    }
    const history = `/api/chat/${code}/messages`;
    const posted = await call('POST', history, ann, { clientId: 'c1', text: 'Notes in the doc' });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect((await call('GET', history, stranger)).status).toBe(403);

    expect((await call('POST', `/api/meetings/${code}/end`, host)).status).toBe(200);
    for (const token of [host, ann]) {
      const page = await call('GET', history, token);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const messages = page.body.messages as ChatMessage[];
      expect(messages.map((m) => [m.from.name, m.text])).toEqual([
        ['Ann Attendee', 'Notes in the doc'],
      ]);
    }
    expect((await call('GET', history, stranger)).status).toBe(403);
    // Reading is all that stays: the chat takes no new messages.
    expect((await call('POST', history, ann, { clientId: 'c2', text: 'late' })).status).toBe(403);
  });
});
