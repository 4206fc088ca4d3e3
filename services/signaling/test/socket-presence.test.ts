import { CLOSE } from '@gomeet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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

describe('signaling socket: presence, hands and reactions', () => {
  let cluster: Cluster;
  let instance: Instance;
  const open: Instance[] = [];

  async function setup(options: { heartbeatMs?: number } = {}) {
    cluster = await memoryCluster();
    instance = await startInstance(cluster, options);
    open.push(instance);
  }

  afterEach(async () => {
    for (const i of open.splice(0)) await i.close();
  });

  it('gives a joiner the snapshot, then both participants see each other change and leave', async () => {
    await setup();
    const code = meetingCode();
    const ada = await joinAs(cluster, instance, code, { name: 'Ada', role: 'host' });
    expect(ada.welcome.participants).toEqual([
      {
        identity: ada.actor.id,
        name: 'Ada',
        role: 'host',
        handRaisedAt: null,
        mic: false,
        camera: false,
      },
    ]);
    ada.client.send({ type: 'media', mic: true, camera: false });
    await ada.client.next('presence.updated', (m) => m.participant.mic);

    const bob = await joinAs(cluster, instance, code, { name: 'Bob' });
    expect(bob.welcome.you).toEqual({
      identity: bob.actor.id,
      role: 'participant',
      state: 'joined',
    });
    const adaSeen = bob.welcome.participants.find((p) => p.identity === ada.actor.id);
    expect(adaSeen).toMatchObject({ name: 'Ada', mic: true, camera: false });
    const joined = await ada.client.next(
      'presence.joined',
      (m) => m.participant.identity === bob.actor.id,
    );
    expect(joined.participant.name).toBe('Bob');

    bob.client.send({ type: 'media', mic: true, camera: true });
    const updated = await ada.client.next(
      'presence.updated',
      (m) => m.participant.identity === bob.actor.id,
    );
    expect(updated.participant).toMatchObject({ mic: true, camera: true });

    bob.client.close();
    await ada.client.next('presence.left', (m) => m.identity === bob.actor.id);
    const carol = await joinAs(cluster, instance, code, { name: 'Carol' });
    expect(carol.welcome.participants.map((p) => p.identity).sort()).toEqual(
      [ada.actor.id, carol.actor.id].sort(),
    );
  });

  it('keeps raised hands in a queue, oldest first, and drops lowered ones', async () => {
    await setup();
    const code = meetingCode();
    const [a, b, c] = [
      await joinAs(cluster, instance, code, { name: 'A' }),
      await joinAs(cluster, instance, code, { name: 'B' }),
      await joinAs(cluster, instance, code, { name: 'C' }),
    ];
    for (const who of [b, c, a]) {
      who.client.send({ type: 'hand', raised: true });
      await a.client.next('hands', (m) => m.hands.includes(who.actor.id));
      await new Promise((r) => setTimeout(r, 5));
    }
    b.client.send({ type: 'hand', raised: false });
    const hands = await c.client.next('hands', (m) => !m.hands.includes(b.actor.id));
    expect(hands.hands).toEqual([c.actor.id, a.actor.id]);
    const late = await joinAs(cluster, instance, code, { name: 'D' });
    expect(late.welcome.hands).toEqual([c.actor.id, a.actor.id]);
    const cPresence = late.welcome.participants.find((p) => p.identity === c.actor.id);
    expect(cPresence?.handRaisedAt).toEqual(expect.any(String));
  });

  it('relays reactions to everyone and rate-limits each identity without closing its socket', async () => {
    await setup();
    const code = meetingCode();
    const ada = await joinAs(cluster, instance, code, { name: 'Ada' });
    const bob = await joinAs(cluster, instance, code, { name: 'Bob' });
    for (let i = 0; i < 6; i++) ada.client.send({ type: 'reaction', emoji: '👏' });
    const error = await ada.client.next('error');
    expect(error.code).toBe('RATE_LIMITED');
    await bob.client.next('reaction', (m) => m.identity === ada.actor.id && m.emoji === '👏');
    // Five of the six pass the limit: wait for the other four (bounded), then count them.
    await expect
      .poll(async () => (await bob.client.unconsumed('reaction', 0)).length, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(4);
    expect(await bob.client.unconsumed('reaction', 0)).toHaveLength(4);
    bob.client.send({ type: 'reaction', emoji: '🎉' });
    await ada.client.next('reaction', (m) => m.identity === bob.actor.id);
    ada.client.send({ type: 'ping' });
    await ada.client.next('pong');
  });

  it('closes a socket that stops answering pings with 4408, and publishes presence.left', async () => {
    await setup({ heartbeatMs: 100 });
    const code = meetingCode();
    const alive = await joinAs(cluster, instance, code, { name: 'Alive' });
    const actor = cluster.tokens.user('Mute');
    await putRoster(cluster.live, code, actor, 'joined');
    const mute = await TestClient.connect(instance.url, { autoPong: false });
    mute.hello(code, await cluster.tokens.issue(actor));
    await mute.next('welcome');
    const started = Date.now();
    expect((await mute.closed).code).toBe(CLOSE.IDLE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await alive.client.next('presence.left', (m) => m.identity === actor.id);
    // The answering client survives many heartbeats.
    await new Promise((r) => setTimeout(r, 500));
    expect(alive.client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('replaces the older socket of an identity with 4409 and keeps its presence', async () => {
    await setup();
    const code = meetingCode();
    const watcher = await joinAs(cluster, instance, code, { name: 'W' });
    const first = await joinAs(cluster, instance, code, { name: 'Twice' });
    const second = await joinAs(cluster, instance, code, { actor: first.actor });
    expect((await first.client.closed).code).toBe(CLOSE.REPLACED);
    expect(second.welcome.participants.map((p) => p.identity)).toContain(first.actor.id);
    expect(await watcher.client.unconsumed('presence.left', 200)).toHaveLength(0);
    second.client.send({ type: 'hand', raised: true });
    await watcher.client.next('hands', (m) => m.hands.includes(first.actor.id));
  });

  it('reports open sockets, members and meetings on /metrics', async () => {
    await setup();
    const code = meetingCode();
    await joinAs(cluster, instance, code, { name: 'A' });
    await joinAs(cluster, instance, code, { name: 'B' });
    await joinAs(cluster, instance, meetingCode(), { name: 'C', state: 'waiting' });
    await TestClient.connect(instance.url);
    await expect
      .poll(() => instance.metrics.registry.metrics(), { timeout: 5_000 })
      .toContain('gomeet_websocket_connections_total{service="signaling"} 4');
    const text = await instance.metrics.registry.metrics();
    expect(text).toContain('gomeet_participants_total{service="signaling"} 2');
    expect(text).toContain('gomeet_active_meetings_total{service="signaling"} 2');
  });

  it('closes sockets with 1001 when the app closes, so clients reconnect elsewhere', async () => {
    await setup();
    const { client } = await joinAs(cluster, instance, meetingCode());
    await instance.close();
    open.splice(0);
    expect((await client.closed).code).toBe(CLOSE.GOING_AWAY);
  });
});
