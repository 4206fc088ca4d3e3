import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  expectProblem,
  newMeetingCode,
  startHarness,
  type Harness,
  type Person,
} from './harness.js';

describeBackends('posting and reading chat on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const url = (code: string) => `/api/chat/${code}/messages`;
  const texts = (messages: ChatMessage[]) => messages.map((m) => m.text);

  it('documents every chat route in the OpenAPI document under the chat tag', async () => {
    const res = await h.call('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = res.json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>().paths;
    const chat = Object.entries(paths).filter(([path]) => path.startsWith('/api/chat/'));
    const operations = chat.flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [`${method} ${path}`, op.tags] as const),
    );
    expect(Object.fromEntries(operations)).toEqual({
      'post /api/chat/{code}/messages': ['chat'],
      'get /api/chat/{code}/messages': ['chat'],
      'patch /api/chat/{code}/messages/{id}': ['chat'],
      'delete /api/chat/{code}/messages/{id}': ['chat'],
    });
  });

  it('stores a message and returns it in history, oldest first', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code, { name: 'Ada' });
    const alan = await h.join(code, { name: 'Alan' });
    const first = await h.post(code, ada, '  Hello everyone  ');
    expect(first).toMatchObject({
      meetingCode: code,
      from: { identity: ada.actor.id, name: 'Ada' },
      to: null,
      text: 'Hello everyone',
      editedAt: null,
      deleted: false,
    });
    expect(Date.parse(first.createdAt)).not.toBeNaN();
    await h.post(code, alan, 'Hi Ada');
    await h.post(code, ada, 'Shall we start?');

    const page = await h.history(code, alan);
    expect(texts(page.messages)).toEqual(['Hello everyone', 'Hi Ada', 'Shall we start?']);
    expect(page.messages[0]).toEqual(first);
    expect(page.hasMore).toBe(false);
  });

  it('accepts a code typed in capitals and without dashes', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const typed = code.toUpperCase().replaceAll('-', '');
    const res = await h.call('POST', url(typed), ada.token, {
      clientId: randomUUID(),
      text: 'hi',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ChatMessage>().meetingCode).toBe(code);
  });

  it('returns the same message for a retried clientId, and stores it once', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const body = { clientId: randomUUID(), text: 'Only once' };
    const first = await h.call('POST', url(code), ada.token, body);
    expect(first.statusCode).toBe(201);
    const retry = await h.call('POST', url(code), ada.token, body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<ChatMessage>()).toEqual(first.json());
    expect((await h.history(code, ada)).messages).toHaveLength(1);
  });

  it('stores one message when retries of one clientId race each other', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const body = { clientId: randomUUID(), text: 'Racing' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => h.call('POST', url(code), ada.token, body)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json<ChatMessage>().id)).size).toBe(1);
    const rows = await h.db
      .selectFrom('chat_messages')
      .select('seq')
      .where('meeting_code', '=', code)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps the same clientId from two senders, or in two meetings, as separate messages', async () => {
    const code = newMeetingCode();
    const other = newMeetingCode();
    const ada = await h.join(code);
    const alan = await h.join(code);
    await h.join(other, { state: 'joined' }).then(() => undefined);
    const clientId = randomUUID();
    const a = await h.post(code, ada, 'from Ada', { clientId });
    const b = await h.post(code, alan, 'from Alan', { clientId });
    expect(a.id).not.toBe(b.id);
  });

  it('gives a reconnecting client everything it missed after its cursor, in order, once', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code, { name: 'Ada' });
    const alan = await h.join(code, { name: 'Alan' });
    const grace = await h.join(code, { name: 'Grace' });
    const seen = [await h.post(code, ada, 'm1'), await h.post(code, alan, 'm2')];
    // Alan drops off; the chat goes on, including a private word he must not see.
    await h.post(code, ada, 'm3');
    await h.post(code, grace, 'for Ada only', { to: ada.actor.id });
    await h.post(code, grace, 'm4');
    await h.post(code, alan, 'm5');
    await h.post(code, ada, 'm6');

    const caughtUp: ChatMessage[] = [];
    let cursor = seen.at(-1)?.id ?? '';
    for (;;) {
      const page = await h.history(code, alan, `?after=${cursor}&limit=2`);
      caughtUp.push(...page.messages);
      cursor = page.messages.at(-1)?.id ?? cursor;
      if (!page.hasMore) break;
    }
    expect(texts(caughtUp)).toEqual(['m3', 'm4', 'm5', 'm6']);
    expect((await h.history(code, alan, `?after=${cursor}`)).messages).toEqual([]);
  });

  it('never skips a message for a reader catching up while others post concurrently', async () => {
    const code = newMeetingCode();
    const senders: Person[] = await Promise.all([1, 2, 3, 4].map(() => h.join(code)));
    const reader = await h.join(code);
    let posting = true;
    const writes = Promise.all(
      senders.map(async (s, i) => {
        for (let n = 0; n < 5; n++) await h.post(code, s, `${i}-${n}`);
      }),
    ).finally(() => (posting = false));
    const received: ChatMessage[] = [];
    let cursor = '';
    const poll = async () => {
      const query = cursor ? `?after=${cursor}&limit=200` : '?limit=200';
      const page = await h.history(code, reader, query);
      const fresh = cursor ? page.messages : page.messages;
      received.push(...fresh);
      cursor = fresh.at(-1)?.id ?? cursor;
    };
    // Yield to the event loop between polls: an in-process request can complete on microtasks
    // alone, and a loop of those would starve the writers (and every timer) forever.
    while (posting) {
      await poll();
      await new Promise((r) => setTimeout(r, 2));
    }
    await writes;
    await poll();
    expect(received).toHaveLength(20);
    expect(new Set(received.map((m) => m.id)).size).toBe(20);
    const ids = received.map((m) => BigInt(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('pages back through older history with before', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const posted: ChatMessage[] = [];
    for (let n = 1; n <= 7; n++) posted.push(await h.post(code, ada, `m${n}`));

    const latest = await h.history(code, ada, '?limit=3');
    expect(texts(latest.messages)).toEqual(['m5', 'm6', 'm7']);
    expect(latest.hasMore).toBe(true);
    const older = await h.history(code, ada, `?before=${latest.messages[0]?.id}&limit=3`);
    expect(texts(older.messages)).toEqual(['m2', 'm3', 'm4']);
    expect(older.hasMore).toBe(true);
    const oldest = await h.history(code, ada, `?before=${older.messages[0]?.id}&limit=3`);
    expect(texts(oldest.messages)).toEqual(['m1']);
    expect(oldest.hasMore).toBe(false);
  });

  it('shows only its own meeting’s messages', async () => {
    const code = newMeetingCode();
    const other = newMeetingCode();
    const ada = await h.join(code);
    const elsewhere = await h.join(other);
    await h.post(code, ada, 'here');
    await h.post(other, elsewhere, 'there');
    expect(texts((await h.history(code, ada)).messages)).toEqual(['here']);
  });

  it('rejects a bad cursor, both cursors at once, and a limit over 200, naming the field', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const get = (q: string) => h.call('GET', `${url(code)}${q}`, ada.token);
    const bad = await get('?after=abc');
    expectProblem(bad, 400, 'validation');
    expect(bad.json<{ detail: string }>().detail).toContain('querystring.after');
    expectProblem(await get('?after=1&before=5'), 400, 'validation');
    const big = await get('?limit=201');
    expectProblem(big, 400, 'validation');
    expect(big.json<{ detail: string }>().detail).toContain('querystring.limit');
    expect((await get('?limit=200')).statusCode).toBe(200);
  });

  it('rejects an empty message and a missing clientId with 400', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const empty = await h.call('POST', url(code), ada.token, {
      clientId: randomUUID(),
      text: ' \n ',
    });
    expectProblem(empty, 400, 'validation');
    const noId = await h.call('POST', url(code), ada.token, { text: 'hi' });
    expectProblem(noId, 400, 'validation');
    expect(noId.json<{ detail: string }>().detail).toContain('body.clientId');
    const longId = await h.call('POST', url(code), ada.token, {
      clientId: 'x'.repeat(65),
      text: 'hi',
    });
    expectProblem(longId, 400, 'validation');
  });
});
