import { randomUUID } from 'node:crypto';
import type { Bus } from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, newMeetingCode, startHarness, type Harness } from './harness.js';

/**
 * The real bus, except that publishing fails while `down` is set: the moment between a
 * message being stored and a bus outage being noticed, which a stopped Redis cannot be
 * timed to hit reliably.
 */
function flakyBus(bus: Bus) {
  const state = { down: false };
  const wrapped: Bus = {
    publish: (topic, message) =>
      state.down ? Promise.reject(new Error('bus unavailable')) : bus.publish(topic, message),
    subscribe: (topic, handler) => bus.subscribe(topic, handler),
    close: () => bus.close(),
  };
  return { state, wrapped };
}

describeBackends('a bus outage on $name', (backend) => {
  let h: Harness;
  const flaky: { state?: { down: boolean } } = {};
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'), {
      wrapBus: (bus) => {
        const f = flakyBus(bus);
        flaky.state = f.state;
        return f.wrapped;
      },
    });
  });
  afterAll(() => h?.close());

  it('answers 503 after storing, and the client’s retry publishes the stored message', async () => {
    const code = newMeetingCode();
    const ada = await h.join(code);
    const events = await h.listen(code);
    const body = { clientId: randomUUID(), text: 'through the outage' };
    const url = `/api/chat/${code}/messages`;
    if (!flaky.state) throw new Error('flaky bus not installed');

    flaky.state.down = true;
    const failed = await h.call('POST', url, ada.token, body);
    expectProblem(failed, 503);
    expect(failed.headers['retry-after']).toBe('1');
    // Stored all the same, so nobody who reads history misses it.
    expect((await h.history(code, ada)).messages.map((m) => m.text)).toEqual([body.text]);

    flaky.state.down = false;
    const retry = await h.call('POST', url, ada.token, body);
    expect(retry.statusCode).toBe(200);
    const message = retry.json<ChatMessage>();
    await events.waitFor(
      (e) => e.message.type === 'chat.message' && e.message.message.id === message.id,
    );
    expect((await h.history(code, ada)).messages).toHaveLength(1);
  });
});
