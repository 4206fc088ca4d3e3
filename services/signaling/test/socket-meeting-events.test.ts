import { publishToMeeting } from '@gomeet/platform';
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

const admitted = {
  type: 'lobby.admitted' as const,
  livekitUrl: 'ws://127.0.0.1:7880',
  token: 'livekit-token',
  role: 'participant' as const,
  iceServers: [],
  recording: false,
};

describe('signaling socket: meeting events from other services', () => {
  let cluster: Cluster;
  let instance: Instance;
  const open: Instance[] = [];

  async function setup() {
    cluster = await memoryCluster();
    instance = await startInstance(cluster);
    open.push(instance);
  }

  afterEach(async () => {
    for (const i of open.splice(0)) await i.close();
  });

  it('keeps a lobby socket out of presence until lobby.admitted, then makes it a member', async () => {
    await setup();
    const code = meetingCode();
    const host = await joinAs(cluster, instance, code, { name: 'Host', role: 'host' });
    const guest = await joinAs(cluster, instance, code, { name: 'Wai', state: 'waiting' });
    expect(guest.welcome.you.state).toBe('waiting');
    expect(guest.welcome.participants).toEqual([]);
    const hostView = await joinAs(cluster, instance, code, { name: 'Co', role: 'co-host' });
    // Co's arrival reaches the host after anything the waiting guest's entry caused (one socket
    // delivers in order): the guest was never announced as present.
    await host.client.next('presence.joined', (m) => m.participant.identity === hostView.actor.id);
    expect(
      host.client.received.filter(
        (m) => m.type === 'presence.joined' && m.participant.identity === guest.actor.id,
      ),
    ).toEqual([]);
    expect(hostView.welcome.lobby?.map((e) => e.identity)).toEqual([guest.actor.id]);

    host.client.send({ type: 'reaction', emoji: '👋' });
    await hostView.client.next('reaction');
    guest.client.send({ type: 'hand', raised: true });
    expect((await guest.client.next('error')).code).toBe('FORBIDDEN');

    await putRoster(cluster.live, code, guest.actor, 'admitted');
    await publishToMeeting(cluster.bus, code, admitted, { identities: [guest.actor.id] });
    expect((await guest.client.next('lobby.admitted')).token).toBe('livekit-token');
    const welcome = await guest.client.next('welcome');
    expect(welcome.you.state).toBe('joined');
    expect(welcome.participants.map((p) => p.identity)).toContain(host.actor.id);
    await host.client.next('presence.joined', (m) => m.participant.identity === guest.actor.id);
    expect(guest.client.received.filter((m) => m.type === 'reaction')).toEqual([]);
  });

  it('closes a lobby socket after lobby.denied', async () => {
    await setup();
    const code = meetingCode();
    const guest = await joinAs(cluster, instance, code, { state: 'waiting' });
    await publishToMeeting(
      cluster.bus,
      code,
      { type: 'lobby.denied' },
      { identities: [guest.actor.id] },
    );
    await guest.client.next('lobby.denied');
    expect((await guest.client.closed).code).toBe(CLOSE.FORBIDDEN);
  });

  it('delivers a private event only to its audience, and host events only to hosts and co-hosts', async () => {
    await setup();
    const code = meetingCode();
    const host = await joinAs(cluster, instance, code, { name: 'H', role: 'host' });
    const a = await joinAs(cluster, instance, code, { name: 'A' });
    const b = await joinAs(cluster, instance, code, { name: 'B' });
    const waiting = await joinAs(cluster, instance, code, { name: 'W', state: 'waiting' });
    await publishToMeeting(
      cluster.bus,
      code,
      { type: 'unmute.requested', by: host.actor.id },
      {
        identities: [a.actor.id],
      },
    );
    await publishToMeeting(
      cluster.bus,
      code,
      {
        type: 'lobby.waiting',
        entry: {
          identity: waiting.actor.id,
          name: 'W',
          role: 'participant',
          requestedAt: new Date().toISOString(),
        },
      },
      'hosts',
    );
    await a.client.next('unmute.requested');
    await host.client.next('lobby.waiting');
    expect(await b.client.unconsumed('unmute.requested')).toEqual([]);
    expect(await host.client.unconsumed('unmute.requested', 0)).toEqual([]);
    expect(await a.client.unconsumed('lobby.waiting', 0)).toEqual([]);
    expect(waiting.client.received.map((m) => m.type)).toEqual(['welcome']);

    // A promoted co-host starts receiving host events.
    await publishToMeeting(cluster.bus, code, {
      type: 'role.changed',
      identity: b.actor.id,
      role: 'co-host',
    });
    await b.client.next('role.changed');
    await publishToMeeting(
      cluster.bus,
      code,
      { type: 'lobby.left', identity: waiting.actor.id },
      'hosts',
    );
    await b.client.next('lobby.left');
    const late = await joinAs(cluster, instance, code, { name: 'L' });
    expect(late.welcome.participants.find((p) => p.identity === b.actor.id)?.role).toBe('co-host');
  });

  it("closes a removed participant's socket with 4410 after telling it, and refuses its return", async () => {
    await setup();
    const code = meetingCode();
    const host = await joinAs(cluster, instance, code, { name: 'H', role: 'host' });
    const bob = await joinAs(cluster, instance, code, { name: 'Bob' });
    await putRoster(cluster.live, code, bob.actor, 'removed');
    await publishToMeeting(cluster.bus, code, {
      type: 'participant.removed',
      identity: bob.actor.id,
    });
    await bob.client.next('participant.removed');
    expect((await bob.client.closed).code).toBe(CLOSE.REMOVED);
    await host.client.next('presence.left', (m) => m.identity === bob.actor.id);

    const again = await TestClient.connect(instance.url);
    again.hello(code, await cluster.tokens.issue(bob.actor));
    expect((await again.closed).code).toBe(CLOSE.FORBIDDEN);
  });

  it("closes the socket of someone who left the room with 4403, and nobody else's", async () => {
    await setup();
    const code = meetingCode();
    const host = await joinAs(cluster, instance, code, { name: 'H', role: 'host' });
    const bob = await joinAs(cluster, instance, code, { name: 'Bob' });
    await putRoster(cluster.live, code, bob.actor, 'left');
    await publishToMeeting(
      cluster.bus,
      code,
      { type: 'participant.left', identity: bob.actor.id },
      { identities: [bob.actor.id] },
    );
    expect((await bob.client.closed).code).toBe(CLOSE.FORBIDDEN);
    await host.client.next('presence.left', (m) => m.identity === bob.actor.id);
    expect(host.client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('sends meeting.ended to everyone, lobby included, closes them with 4411 and clears presence', async () => {
    await setup();
    const code = meetingCode();
    const members = [
      await joinAs(cluster, instance, code, { name: 'H', role: 'host' }),
      await joinAs(cluster, instance, code, { name: 'A' }),
      await joinAs(cluster, instance, code, { name: 'W', state: 'waiting' }),
    ];
    await publishToMeeting(cluster.bus, code, { type: 'meeting.ended' });
    for (const m of members) {
      await m.client.next('meeting.ended');
      expect((await m.client.closed).code).toBe(CLOSE.ENDED);
      expect(m.client.received.filter((x) => x.type === 'presence.left')).toEqual([]);
    }
    await expect
      .poll(() => cluster.live.hgetall(`meeting:${code}:presence`), { timeout: 5_000 })
      .toEqual({});
  });

  it('mirrors meeting.locked into the snapshot of later joiners', async () => {
    await setup();
    const code = meetingCode();
    const a = await joinAs(cluster, instance, code);
    expect(a.welcome.locked).toBe(false);
    await publishToMeeting(cluster.bus, code, { type: 'meeting.locked', locked: true });
    await a.client.next('meeting.locked');
    await expect
      .poll(async () => (await joinAs(cluster, instance, code)).welcome.locked, { timeout: 5_000 })
      .toBe(true);
  });
});
