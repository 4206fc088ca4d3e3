import type { MeetingEvent } from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, newMeetingCode, startHarness, type Harness } from './harness.js';

describeBackends('editing and deleting messages on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const at = (code: string, id: string) => `/api/chat/${code}/messages/${id}`;

  it('edits one’s own message and publishes chat.updated', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const sent = await h.post(code, ada, 'teh plan');
    const events = await h.listen(code);
    const res = await h.call('PATCH', at(code, sent.id), ada.token, { text: ' the plan ' });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json<ChatMessage>();
    expect(edited).toMatchObject({ id: sent.id, text: 'the plan', deleted: false });
    expect(edited.editedAt).not.toBeNull();
    const event = await events.waitFor((e) => e.message.type === 'chat.updated');
    expect(event).toEqual({
      audience: 'all',
      message: { type: 'chat.updated', message: edited },
    });
    expect((await h.history(code, ada)).messages).toEqual([edited]);
  });

  it('refuses to edit someone else’s message, even as host', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const host = await h.join(code, { role: 'host' });
    const sent = await h.post(code, ada, 'mine');
    expectProblem(await h.call('PATCH', at(code, sent.id), host.token, { text: 'x' }), 403);
    expect((await h.history(code, ada)).messages[0]?.text).toBe('mine');
  });

  it('deletes one’s own message: 204, chat.deleted, and history shows it deleted and empty', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const alan = await h.join(code);
    const sent = await h.post(code, ada, 'oops');
    const events = await h.listen(code);
    const res = await h.call('DELETE', at(code, sent.id), ada.token);
    expect(res.statusCode, res.body).toBe(204);
    const event = await events.waitFor((e) => e.message.type === 'chat.deleted');
    expect(event).toEqual({ audience: 'all', message: { type: 'chat.deleted', id: sent.id } });
    const [shown] = (await h.history(code, alan)).messages;
    expect(shown).toMatchObject({ id: sent.id, deleted: true, text: '' });
    // The text is gone from the database too, not just hidden.
    const row = await h.db
      .selectFrom('chat_messages')
      .select('text')
      .where('seq', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(row.text).toBe('');
    expect((await h.call('DELETE', at(code, sent.id), ada.token)).statusCode).toBe(204);
    expectProblem(await h.call('PATCH', at(code, sent.id), ada.token, { text: 'back' }), 410);
  });

  it('lets a host and a co-host delete anyone’s message', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const host = await h.join(code, { role: 'host' });
    const coHost = await h.join(code, { role: 'co-host' });
    const one = await h.post(code, ada, 'spam');
    const two = await h.post(code, ada, 'more spam');
    expect((await h.call('DELETE', at(code, one.id), host.token)).statusCode).toBe(204);
    expect((await h.call('DELETE', at(code, two.id), coHost.token)).statusCode).toBe(204);
    const shown = (await h.history(code, ada)).messages;
    expect(shown.map((m) => m.deleted)).toEqual([true, true]);
  });

  it('refuses a participant deleting someone else’s message', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const alan = await h.join(code);
    const guest = await h.join(code, { guest: true });
    const sent = await h.post(code, ada, 'keep me');
    expectProblem(await h.call('DELETE', at(code, sent.id), alan.token), 403);
    expectProblem(await h.call('DELETE', at(code, sent.id), guest.token), 403);
    expect((await h.history(code, ada)).messages[0]).toMatchObject({ deleted: false });
  });

  it('publishes the deletion of a private message to its sender and recipient only', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const alan = await h.join(code);
    const secret = await h.post(code, ada, 'psst', { to: alan.actor.id });
    const events = await h.listen(code);
    expect((await h.call('DELETE', at(code, secret.id), alan.token)).statusCode).toBe(403);
    expect((await h.call('DELETE', at(code, secret.id), ada.token)).statusCode).toBe(204);
    const event: MeetingEvent = await events.waitFor((e) => e.message.type === 'chat.deleted');
    expect(event.audience).toEqual({ identities: [ada.actor.id, alan.actor.id] });
  });

  it('hides a private message from a host trying to delete it, and from other meetings', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const alan = await h.join(code);
    const host = await h.join(code, { role: 'host' });
    const secret = await h.post(code, ada, 'psst', { to: alan.actor.id });
    expectProblem(await h.call('DELETE', at(code, secret.id), host.token), 404);
    const other = newMeetingCode();
    const adaThere = await h.join(other, { role: 'host' });
    const mine = await h.post(code, ada, 'here');
    expectProblem(await h.call('DELETE', at(other, mine.id), adaThere.token), 404);
    expectProblem(await h.call('PATCH', at(other, mine.id), adaThere.token, { text: 'x' }), 404);
  });
});
