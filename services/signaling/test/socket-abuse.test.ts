import { CLOSE } from '@gomeet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FRAME_LIMITS } from '../src/realtime/frame-limits.js';
import {
  joinAs,
  memoryCluster,
  meetingCode,
  putRoster,
  startInstance,
  TestClient,
  type Cluster,
  type Instance,
} from './socket-harness.js';

describe('signaling socket: abuse limits', () => {
  let cluster: Cluster;
  const open: Instance[] = [];

  async function setup(options: { publicUrl?: string } = {}) {
    cluster = await memoryCluster();
    const instance = await startInstance(cluster, options);
    open.push(instance);
    return instance;
  }

  afterEach(async () => {
    for (const i of open.splice(0)) await i.close();
  });

  it('warns a client flooding media frames once, then closes it with 4429; others hear at most a burst', async () => {
    const instance = await setup();
    const code = meetingCode();
    const ada = await joinAs(cluster, instance, code, { name: 'Ada' });
    const bob = await joinAs(cluster, instance, code, { name: 'Bob' });
    for (let i = 0; i < 200; i += 1)
      ada.client.send({ type: 'media', mic: i % 2 === 0, camera: false });

    const warning = await ada.client.next('error');
    expect(warning.code).toBe('RATE_LIMITED');
    expect(warning.message).toContain('media');
    expect((await ada.client.closed).code).toBe(CLOSE.RATE_LIMITED);
    expect(ada.client.received.filter((m) => m.type === 'error')).toHaveLength(1);

    // presence.left comes after every update Ada's socket published (one ordered bus).
    await bob.client.next('presence.left', (m) => m.identity === ada.actor.id);
    const updates = bob.client.received.filter(
      (m) => m.type === 'presence.updated' && m.participant.identity === ada.actor.id,
    );
    // At most a burst, plus what refilled while the flood was read (well under a second); often
    // none at all, as frames still queued when the socket closes are not handled.
    expect(updates.length).toBeLessThanOrEqual(FRAME_LIMITS.media.burst + 2);
  });

  it('lets a person raise and lower a hand, toggle mic and camera and ping at human speed', async () => {
    const instance = await setup();
    const code = meetingCode();
    const ada = await joinAs(cluster, instance, code, { name: 'Ada' });
    for (const raised of [true, false, true, false]) {
      ada.client.send({ type: 'hand', raised });
      await ada.client.next(
        'presence.updated',
        (m) => (m.participant.handRaisedAt !== null) === raised,
      );
    }
    for (const mic of [true, false, true, false, true, false]) {
      ada.client.send({ type: 'media', mic, camera: mic });
      await ada.client.next('presence.updated', (m) => m.participant.mic === mic);
    }
    ada.client.send({ type: 'ping' });
    await ada.client.next('pong');
    expect(ada.client.received.filter((m) => m.type === 'error')).toEqual([]);
    expect(ada.client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('limits frames that are not valid messages too', async () => {
    const instance = await setup();
    const code = meetingCode();
    const ada = await joinAs(cluster, instance, code, { name: 'Ada' });
    for (let i = 0; i < 50; i += 1) ada.client.send('not json');
    expect((await ada.client.closed).code).toBe(CLOSE.RATE_LIMITED);
    const errors = ada.client.received.filter((m) => m.type === 'error');
    expect(errors.map((e) => e.code)).toEqual([
      ...Array<string>(FRAME_LIMITS.invalid.burst).fill('VALIDATION'),
      'RATE_LIMITED',
    ]);
  });

  it('refuses the socket of someone who left the room until they join again', async () => {
    const instance = await setup();
    const code = meetingCode();
    const ada = cluster.tokens.user('Ada');
    await putRoster(cluster.live, code, ada, 'left');
    const client = await TestClient.connect(instance.url);
    client.hello(code, await cluster.tokens.issue(ada));
    expect((await client.next('error')).code).toBe('FORBIDDEN');
    expect((await client.closed).code).toBe(CLOSE.FORBIDDEN);

    await putRoster(cluster.live, code, ada, 'joined');
    const back = await joinAs(cluster, instance, code, { actor: ada });
    expect(back.welcome.type).toBe('welcome');
  });

  it('refuses a socket upgrade from another origin with 403, and accepts ours and none', async () => {
    const instance = await setup({ publicUrl: 'https://meet.example.test/' });
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(instance.url, { origin: 'https://evil.example.test' });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => reject(new Error('a foreign origin was let in')));
      ws.once('error', () => undefined);
    });
    expect(status).toBe(403);

    const code = meetingCode();
    const ours = await TestClient.connect(instance.url, { origin: 'https://meet.example.test' });
    const bot = await TestClient.connect(instance.url);
    // Both reach the hello: a token is still required.
    for (const client of [ours, bot]) {
      client.hello(code, 'not-a-token');
      expect((await client.closed).code).toBe(CLOSE.UNAUTHENTICATED);
    }
  });
});
