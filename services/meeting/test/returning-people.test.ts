import { LIVEKIT_EVENTS_TOPIC, roster, type LiveKitEvent } from '@gomeet/platform';
import type { JoinResult, LobbyList } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { liveMeeting, poll, startHarness, type Harness } from './harness.js';

describeBackends('people coming back on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const join = async (code: string, token: string) => {
    const res = await h.call('POST', `/api/meetings/${code}/join`, token, {});
    return { status: res.statusCode, body: JSON.parse(res.body) as JoinResult };
  };
  const lobbyOf = async (code: string, token: string) => {
    const listed = await h.call('GET', `/api/meetings/${code}/lobby`, token);
    expect(listed.statusCode, listed.body).toBe(200);
    return JSON.parse(listed.body) as LobbyList;
  };

  it('sends new guests to the lobby after a removal, though the meeting has none, and shows hosts who was removed', async () => {
    const { host, meeting } = await liveMeeting(h, 0, { allowGuests: true });
    const early = await h.guest(meeting.code, 'Mallory');
    expect((await join(meeting.code, early.token)).status).toBe(200);
    const removed = await h.call(
      'POST',
      `/api/meetings/${meeting.code}/participants/${early.actor.id}/remove`,
      host.token,
    );
    expect(removed.statusCode, removed.body).toBe(204);

    // Mallory comes straight back under another name, with a new guest pass.
    const again = await h.guest(meeting.code, 'Not Mallory');
    const back = await join(meeting.code, again.token);
    expect(back.status).toBe(202);
    expect(back.body.status).toBe('waiting');
    const lobby = await lobbyOf(meeting.code, host.token);
    expect(lobby.entries.map((e) => e.name)).toEqual(['Not Mallory']);
    expect(lobby.turnedAway).toMatchObject([
      { identity: early.actor.id, name: 'Mallory', state: 'removed' },
    ]);

    // Signed-in people are not guests: their identity is stable, so no lobby for them.
    const member = await h.user('Steady Sam');
    expect((await join(meeting.code, member.token)).status).toBe(200);
  });

  it('sends new guests to the lobby after a lobby denial too', async () => {
    const { host, meeting } = await liveMeeting(h, 0, { allowGuests: true, lobby: true });
    // (The host took a seat before anyone waited: hosts skip the lobby.)
    const first = await h.guest(meeting.code, 'Eve');
    expect((await join(meeting.code, first.token)).status).toBe(202);
    const denied = await h.call(
      'POST',
      `/api/meetings/${meeting.code}/lobby/${first.actor.id}/deny`,
      host.token,
    );
    expect(denied.statusCode, denied.body).toBe(200);
    const lobbyOff = await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      settings: { lobby: false },
    });
    expect(lobbyOff.statusCode, lobbyOff.body).toBe(200);
    const again = await h.guest(meeting.code, 'Evelyn');
    expect((await join(meeting.code, again.token)).status).toBe(202);
    const lobby = await lobbyOf(meeting.code, host.token);
    expect(lobby.turnedAway).toMatchObject([{ name: 'Eve', state: 'denied' }]);
  });

  it('marks someone who left the room as left, and lets them back when they join again', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const [me] = people;
    if (!me) throw new Error('one person');
    // They came in without a lobby; now there is one for newcomers.
    const lobbyOn = await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      settings: { lobby: true },
    });
    expect(lobbyOn.statusCode, lobbyOn.body).toBe(200);
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe('joined');
    const rec = await h.record(meeting.code);
    const event: LiveKitEvent = {
      id: `EV_left_${me.actor.id}`,
      event: 'participant_left',
      room: meeting.code,
      participant: { identity: me.actor.id, name: 'Person 0', metadata: '' },
      createdAt: new Date(Date.now() + 1000).toISOString(),
    };
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event);
    await poll(async () => (await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe(
      'left',
    );
    // Their own sockets hear it (signaling closes them); nobody else's does.
    await rec.settled();
    expect(rec.of('participant.left')).toEqual([
      {
        audience: { identities: [me.actor.id] },
        message: { type: 'participant.left', identity: me.actor.id },
      },
    ]);
    await rec.stop();

    // Back within the grace (a reload, a dropped network): straight in, not the lobby.
    const back = await join(meeting.code, me.token);
    expect(back.status).toBe(200);
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe('joined');
  });

  it('keeps someone joined whose join came after the leave (a reload racing its own leave)', async () => {
    const { meeting, people } = await liveMeeting(h, 2);
    const [me, other] = people;
    if (!me || !other) throw new Error('two people');
    const left = (identity: string, createdAt: Date): LiveKitEvent => ({
      id: `EV_left_${identity}`,
      event: 'participant_left',
      room: meeting.code,
      participant: { identity, name: 'Someone', metadata: '' },
      createdAt: createdAt.toISOString(),
    });
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, left(me.actor.id, new Date(Date.now() - 60_000)));
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, left(other.actor.id, new Date(Date.now() + 1000)));
    // One queue per room: once the second leave is applied, the first one was too.
    await poll(async () => (await roster.get(h.live, meeting.code, other.actor.id))?.state).toBe(
      'left',
    );
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe('joined');
  });
});
