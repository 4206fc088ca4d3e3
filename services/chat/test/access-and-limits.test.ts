import { randomUUID } from 'node:crypto';
import { roster } from '@gomeet/platform';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../src/index.js';
import {
  expectProblem,
  newMeetingCode,
  startHarness,
  type Harness,
  type Person,
} from './harness.js';

describeBackends('who may chat, and how much, on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const url = (code: string) => `/api/chat/${code}/messages`;
  const post = (code: string, who: Person | undefined, text = 'hello', extra: object = {}) =>
    h.call('POST', url(code), who?.token, { clientId: randomUUID(), text, ...extra });
  const read = (code: string, who: Person) => h.call('GET', url(code), who.token);

  it('answers 401 without a token and with a forged one', async () => {
    const code = newMeetingCode();
    expectProblem(await post(code, undefined), 401);
    expectProblem(await h.call('GET', url(code)), 401);
    const res = await h.call('GET', url(code), 'not-a-jwt');
    expectProblem(res, 401);
  });

  it('refuses a guest pass for meeting X in meeting Y, even if the roster lists the guest there', async () => {
    const x = newMeetingCode();
    const y = newMeetingCode();
    const guest = await h.join(x, { guest: true });
    // The same identity appears in Y's roster, yet the token only opens X.
    await roster.put(h.live, y, {
      identity: guest.actor.id,
      userId: guest.actor.id,
      name: 'Guest',
      role: 'guest',
      state: 'joined',
      at: new Date().toISOString(),
    });
    expectProblem(await post(y, guest), 403);
    expectProblem(await read(y, guest), 403);
    expect((await post(x, guest)).statusCode).toBe(201);
  });

  it('refuses a member of meeting X reading or posting in meeting Y', async () => {
    const x = newMeetingCode();
    const y = newMeetingCode();
    const ada = await h.join(x);
    const yHost = await h.join(y, { role: 'host' });
    await h.post(y, yHost, 'Y only');
    expectProblem(await post(y, ada), 403, 'not-in-meeting');
    expectProblem(await read(y, ada), 403, 'not-in-meeting');
  });

  it('refuses someone not in the roster, someone waiting in the lobby, and a denied one', async () => {
    const code = newMeetingCode();
    for (const state of ['absent', 'waiting', 'denied'] as const) {
      const who = await h.join(code, { state });
      expectProblem(await post(code, who), 403, 'not-in-meeting');
      expectProblem(await read(code, who), 403, 'not-in-meeting');
    }
  });

  it('lets someone admitted from the lobby chat before their media connects', async () => {
    const code = newMeetingCode();
    const admitted = await h.join(code, { state: 'admitted' });
    expect((await post(code, admitted)).statusCode).toBe(201);
    expect((await read(code, admitted)).statusCode).toBe(200);
  });

  it('shuts a removed participant out of posting, reading, editing and deleting', async () => {
    const code = newMeetingCode();
    const alan = await h.join(code, { name: 'Alan' });
    const sent = await h.post(code, alan, 'before removal');
    const entry = await roster.get(h.live, code, alan.actor.id);
    if (!entry) throw new Error('roster entry missing');
    await roster.put(h.live, code, { ...entry, state: 'removed' });

    const removed = await post(code, alan);
    expectProblem(removed, 403, 'not-in-meeting');
    expect(removed.json<{ detail: string }>().detail).toMatch(/removed/);
    expectProblem(await read(code, alan), 403);
    const at = `${url(code)}/${sent.id}`;
    expectProblem(await h.call('PATCH', at, alan.token, { text: 'edit' }), 403);
    expectProblem(await h.call('DELETE', at, alan.token), 403);
  });

  it('answers 404 for a code that cannot be a meeting code', async () => {
    const ada = await h.join(newMeetingCode());
    expectProblem(await post('not-a-code', ada), 404);
  });

  it('takes a message of exactly the limit and answers 413 one character over', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    // Emoji count as one character each, as a person counts them.
    expect((await post(code, ada, '😀'.repeat(MAX_TEXT_CHARS))).statusCode).toBe(201);
    const over = await post(code, ada, 'a'.repeat(MAX_TEXT_CHARS + 1));
    expectProblem(over, 413, 'message-too-large');
    expect(over.json<{ detail: string }>().detail).toContain(String(MAX_TEXT_CHARS));
    const sent = await h.post(code, ada, 'short');
    const edit = await h.call('PATCH', `${url(code)}/${sent.id}`, ada.token, {
      text: 'b'.repeat(MAX_TEXT_CHARS + 1),
    });
    expectProblem(edit, 413, 'message-too-large');
  });

  it('answers 413 message-too-large for a body far over the limit', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const huge = await post(code, ada, 'x'.repeat(200_000));
    expectProblem(huge, 413, 'message-too-large');
    expect((await h.history(code, ada)).messages).toEqual([]);
  });

  it('limits each participant to 10 messages in 10 seconds, with Retry-After', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const alan = await h.join(code);
    for (let n = 0; n < 10; n++) expect((await post(code, ada, `m${n}`)).statusCode).toBe(201);
    const limited = await post(code, ada, 'one too many');
    expectProblem(limited, 429, 'chat-rate-limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    // Someone else's budget is their own.
    expect((await post(code, alan)).statusCode).toBe(201);
    expect((await h.history(code, alan)).messages).toHaveLength(11);
  });

  it('takes the message limit from configuration (CHAT_MESSAGES_PER_WINDOW)', async () => {
    const tuned = await startHarness(backend, inject('redisUrl'), {
      messageRate: { limit: 3, windowMs: 60_000 },
    });
    try {
      const code = newMeetingCode();
      const ada = await tuned.join(code);
      const send = (text: string) =>
        tuned.call('POST', `/api/chat/${code}/messages`, ada.token, {
          clientId: randomUUID(),
          text,
        });
      for (let n = 0; n < 3; n++) expect((await send(`m${n}`)).statusCode).toBe(201);
      const limited = await send('one too many');
      expectProblem(limited, 429, 'chat-rate-limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(10);
    } finally {
      await tuned.close();
    }
  });
});
