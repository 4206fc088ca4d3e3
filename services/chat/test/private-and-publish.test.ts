import { randomUUID } from 'node:crypto';
import type { MeetingEvent } from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, newMeetingCode, startHarness, type Harness } from './harness.js';

const isChat = (id: string) => (e: MeetingEvent) =>
  e.message.type === 'chat.message' && e.message.message.id === id;

describeBackends('publishing and private messages on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('publishes a public message to everyone in the meeting', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const events = await h.listen(code);
    const sent = await h.post(code, ada, 'Hello all');
    const event = await events.waitFor(isChat(sent.id));
    expect(event).toEqual({ audience: 'all', message: { type: 'chat.message', message: sent } });
  });

  it('stores a message before it publishes it', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const found: (string | undefined)[] = [];
    const off = await h.bus.subscribe(`meeting:${code}`, (m) => {
      const event = m as MeetingEvent;
      if (event.message.type !== 'chat.message') return;
      const { id } = event.message.message;
      // The subscriber looks the message up the moment it hears of it.
      void h.db
        .selectFrom('chat_messages')
        .select('text')
        .where('seq', '=', id)
        .executeTakeFirst()
        .then((row) => found.push(row?.text));
    });
    try {
      await h.post(code, ada, 'durable first');
      await expect.poll(() => found, { timeout: 5_000 }).toEqual(['durable first']);
    } finally {
      await off();
    }
  });

  it('shows a private message only to its sender and recipient', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code, { name: 'Ada' });
    const alan = await h.join(code, { name: 'Alan' });
    const grace = await h.join(code, { name: 'Grace', role: 'host' });
    await h.post(code, grace, 'public');
    const secret = await h.post(code, ada, 'just between us', { to: alan.actor.id });
    expect(secret.to).toBe(alan.actor.id);

    const seenBy = async (who: typeof ada) =>
      (await h.history(code, who)).messages.map((m) => m.text);
    expect(await seenBy(ada)).toEqual(['public', 'just between us']);
    expect(await seenBy(alan)).toEqual(['public', 'just between us']);
    // Not even the host reads other people's private messages.
    expect(await seenBy(grace)).toEqual(['public']);
  });

  it('publishes a private message to its sender and recipient only', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const alan = await h.join(code);
    const events = await h.listen(code);
    const secret = await h.post(code, ada, 'psst', { to: alan.actor.id });
    const event = await events.waitFor(isChat(secret.id));
    expect(event.audience).toEqual({ identities: [ada.actor.id, alan.actor.id] });
  });

  it('refuses a private message to someone not in the meeting', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const left = await h.join(code, { state: 'removed' });
    const post = (to: string) =>
      h.call('POST', `/api/chat/${code}/messages`, ada.token, {
        clientId: randomUUID(),
        text: 'hello?',
        to,
      });
    expectProblem(await post('nobody-here'), 404, 'recipient-not-found');
    expectProblem(await post(left.actor.id), 404, 'recipient-not-found');
    expectProblem(await post(ada.actor.id), 400, 'validation');
    expect((await h.history(code, ada)).messages).toEqual([]);
  });

  it('publishes a retried message again, so a lost publish is healed by the retry', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const events = await h.listen(code);
    const body = { clientId: randomUUID(), text: 'again' };
    const url = `/api/chat/${code}/messages`;
    const first = (await h.call('POST', url, ada.token, body)).json<ChatMessage>();
    await h.call('POST', url, ada.token, body);
    await expect
      .poll(() => events.events.filter(isChat(first.id)).length, { timeout: 5_000 })
      .toBe(2);
  });
});
