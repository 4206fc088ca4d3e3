import {
  createRedisBus,
  createRedisLiveState,
  createRedisRateLimiter,
  openRedis,
  publishToMeeting,
  type Bus,
  type Redis,
} from '@gomeet/platform';
import { CLOSE } from '@gomeet/protocol';
import { createTestTokens } from '@gomeet/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  joinAs,
  meetingCode,
  putRoster,
  startInstance,
  TestClient,
  type Cluster,
  type Instance,
} from './socket-harness.js';

const redisUrl = inject('redisUrl');

describe.runIf(redisUrl)('signaling socket: many pods over one Redis', () => {
  let cluster: Cluster;
  const redisClients: Redis[] = [];
  const buses: Bus[] = [];
  const instances: Instance[] = [];

  /** A pod: its own Redis connections and bus, the shared Redis behind them. */
  async function pod(options: { heartbeatMs?: number } = {}): Promise<Instance> {
    const redis = openRedis(redisUrl as string, 'signaling-test');
    redisClients.push(redis);
    const bus = createRedisBus(redis);
    buses.push(bus);
    const instance = await startInstance(cluster, { ...options, bus });
    instances.push(instance);
    return instance;
  }

  beforeAll(async () => {
    const redis = openRedis(redisUrl as string, 'signaling-test');
    redisClients.push(redis);
    cluster = {
      bus: createRedisBus(redis),
      live: createRedisLiveState(redis),
      rateLimiter: createRedisRateLimiter(redis),
      tokens: await createTestTokens(),
    };
    buses.push(cluster.bus);
  });

  afterEach(async () => {
    for (const i of instances.splice(0)) await i.close().catch(() => undefined);
  });

  afterAll(async () => {
    for (const b of buses) await b.close();
    for (const r of redisClients) r.disconnect();
  });

  it('lets a participant on pod A see presence, hands and events of one on pod B', async () => {
    const [a, b] = [await pod(), await pod()];
    const code = meetingCode();
    const ada = await joinAs(cluster, a, code, { name: 'Ada', role: 'host' });
    const bob = await joinAs(cluster, b, code, { name: 'Bob' });
    expect(bob.welcome.participants.map((p) => p.identity)).toContain(ada.actor.id);
    await ada.client.next('presence.joined', (m) => m.participant.identity === bob.actor.id);

    bob.client.send({ type: 'hand', raised: true });
    expect((await ada.client.next('hands', (m) => m.hands.length > 0)).hands).toEqual([
      bob.actor.id,
    ]);
    bob.client.send({ type: 'reaction', emoji: '🚀' });
    await ada.client.next('reaction', (m) => m.identity === bob.actor.id);

    // meeting-service publishes from a third process: each pod delivers to its own sockets.
    await publishToMeeting(
      cluster.bus,
      code,
      { type: 'muted', by: ada.actor.id, source: 'microphone' },
      {
        identities: [bob.actor.id],
      },
    );
    await bob.client.next('muted');
    expect(await ada.client.unconsumed('muted')).toEqual([]);

    bob.client.close();
    await ada.client.next('presence.left', (m) => m.identity === bob.actor.id);
  });

  it('replaces a socket held by another pod and keeps its presence', async () => {
    const [a, b] = [await pod(), await pod()];
    const code = meetingCode();
    const watcher = await joinAs(cluster, b, code, { name: 'W' });
    const first = await joinAs(cluster, a, code, { name: 'Roamer' });
    const second = await joinAs(cluster, b, code, { actor: first.actor });
    expect((await first.client.closed).code).toBe(CLOSE.REPLACED);
    expect(second.client.ws.readyState).toBe(second.client.ws.OPEN);
    expect(await watcher.client.unconsumed('presence.left', 300)).toEqual([]);
    const late = await joinAs(cluster, a, code, { name: 'Late' });
    expect(late.welcome.participants.map((p) => p.identity)).toContain(first.actor.id);
  });

  it('when pod A goes away its client reconnects to pod B with presence and hand intact', async () => {
    const [a, b] = [await pod(), await pod()];
    const code = meetingCode();
    const onB = await joinAs(cluster, b, code, { name: 'Stays' });
    const moving = await joinAs(cluster, a, code, { name: 'Moves' });
    moving.client.send({ type: 'hand', raised: true });
    moving.client.send({ type: 'media', mic: true, camera: true });
    await onB.client.next('presence.updated', (m) => m.participant.camera);

    await a.close();
    expect((await moving.client.closed).code).toBe(CLOSE.GOING_AWAY);
    const again = await joinAs(cluster, b, code, { actor: moving.actor });
    expect(again.welcome.hands).toEqual([moving.actor.id]);
    const kept = again.welcome.participants.find((p) => p.identity === moving.actor.id);
    expect(kept).toMatchObject({ mic: true, camera: true });
    expect(kept?.handRaisedAt).toBeTypeOf('string');
    expect(onB.client.received.filter((m) => m.type === 'presence.left')).toEqual([]);
  });

  it("reaps the presence of a crashed pod's participant and announces presence.left once", async () => {
    const a = await pod({ heartbeatMs: 100 });
    const code = meetingCode();
    const survivor = await joinAs(cluster, a, code, { name: 'S' });
    const ghost = cluster.tokens.user('Ghost');
    await putRoster(cluster.live, code, ghost, 'joined');
    const presence = {
      identity: ghost.id,
      name: 'Ghost',
      role: 'participant',
      handRaisedAt: new Date().toISOString(),
      mic: false,
      camera: false,
    };
    await cluster.live.hset(`meeting:${code}:presence`, ghost.id, JSON.stringify(presence));
    await cluster.live.hset(
      `meeting:${code}:sockets`,
      ghost.id,
      JSON.stringify({ connection: 'gone', instance: 'crashed-pod', at: Date.now() - 60_000 }),
    );
    await survivor.client.next('presence.left', (m) => m.identity === ghost.id);
    await survivor.client.next('hands', (m) => m.hands.length === 0);
    expect(await survivor.client.unconsumed('presence.left', 400)).toEqual([]);
    const late = await TestClient.connect(a.url);
    const lateActor = cluster.tokens.user('Late');
    await putRoster(cluster.live, code, lateActor, 'joined');
    late.hello(code, await cluster.tokens.issue(lateActor));
    const welcome = await late.next('welcome');
    expect(welcome.participants.map((p) => p.identity)).not.toContain(ghost.id);
  });
});
