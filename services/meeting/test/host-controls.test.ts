import { LIVEKIT_EVENTS_TOPIC, roster, type LiveKitEvent } from '@gomeet/platform';
import type { IdentityList } from '@gomeet/protocol';
import { TrackSource } from 'livekit-server-sdk';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { JOIN_TOKEN_TTL_SECONDS } from '../src/index.js';
import { expectProblem, liveMeeting, poll, startHarness, type Harness } from './harness.js';

describeBackends('host controls on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('mutes one person’s microphone through LiveKit and tells them alone who did (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 2);
    const [me, other] = people;
    if (!me || !other) throw new Error('two people');
    const rec = await h.record(meeting.code);
    const res = await h.act(meeting.code, host.token, `participants/${me.actor.id}/mute`, {
      source: 'microphone',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(h.roomService.calls.mutePublishedTrack).toContainEqual({
      room: meeting.code,
      identity: me.actor.id,
      sid: `TR_mic_${me.actor.id}`,
      muted: true,
    });
    expect(h.roomService.isMuted(meeting.code, me.actor.id, TrackSource.MICROPHONE)).toBe(true);
    expect(h.roomService.isMuted(meeting.code, me.actor.id, TrackSource.CAMERA)).toBe(false);
    expect(h.roomService.isMuted(meeting.code, other.actor.id, TrackSource.MICROPHONE)).toBe(false);
    await poll(() => rec.events).toHaveLength(1);
    expect(rec.events[0]).toEqual({
      audience: { identities: [me.actor.id] },
      message: { type: 'muted', by: 'Hedy Host', source: 'microphone' },
    });
    await rec.stop();
  });

  it('mutes a camera, and answers 404 for someone not in the room (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const me = people[0]?.actor.id ?? '';
    const res = await h.act(meeting.code, host.token, `participants/${me}/mute`, {
      source: 'camera',
    });
    expect(res.statusCode).toBe(200);
    expect(h.roomService.isMuted(meeting.code, me, TrackSource.CAMERA)).toBe(true);
    expect(h.roomService.isMuted(meeting.code, me, TrackSource.MICROPHONE)).toBe(false);
    const absent = await h.user();
    expectProblem(
      await h.act(meeting.code, host.token, `participants/${absent.actor.id}/mute`, {
        source: 'camera',
      }),
      404,
      'participant-not-found',
    );
    expectProblem(
      await h.act(meeting.code, host.token, `participants/${me}/mute`, { source: 'screen' }),
      400,
    );
  });

  it('mutes every microphone but the hosts’ and co-hosts’, cameras untouched (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 3);
    const [helper, ...rest] = people;
    if (!helper) throw new Error('a helper');
    await h.act(meeting.code, host.token, `participants/${helper.actor.id}/role`, {
      role: 'co-host',
    });
    const rec = await h.record(meeting.code);
    const res = await h.act(meeting.code, helper.token, 'mute-all');
    expect(res.statusCode, res.body).toBe(200);
    const ids = rest.map((p) => p.actor.id);
    expect(res.json<IdentityList>().identities.sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(h.roomService.isMuted(meeting.code, id, TrackSource.MICROPHONE)).toBe(true);
      expect(h.roomService.isMuted(meeting.code, id, TrackSource.CAMERA)).toBe(false);
    }
    for (const id of [host.actor.id, helper.actor.id])
      expect(h.roomService.isMuted(meeting.code, id, TrackSource.MICROPHONE)).toBe(false);
    await poll(() => rec.of('muted')).toHaveLength(1);
    const [event] = rec.of('muted');
    expect(event?.message).toEqual({ type: 'muted', by: 'Person 0', source: 'microphone' });
    expect((event?.audience as { identities: string[] }).identities.sort()).toEqual(
      [...ids].sort(),
    );
    await rec.stop();
  });

  it('asks someone to unmute without unmuting anything itself (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const me = people[0]?.actor.id ?? '';
    await h.act(meeting.code, host.token, `participants/${me}/mute`, { source: 'microphone' });
    const muteCalls = h.roomService.calls.mutePublishedTrack.length;
    const rec = await h.record(meeting.code);
    const res = await h.act(meeting.code, host.token, `participants/${me}/ask-unmute`);
    expect(res.statusCode, res.body).toBe(204);
    await poll(() => rec.events).toHaveLength(1);
    expect(rec.events[0]).toEqual({
      audience: { identities: [me] },
      message: { type: 'unmute.requested', by: 'Hedy Host' },
    });
    await rec.stop();
    expect(h.roomService.calls.mutePublishedTrack).toHaveLength(muteCalls);
    expect(h.roomService.isMuted(meeting.code, me, TrackSource.MICROPHONE)).toBe(true);
    expectProblem(
      await h.act(meeting.code, host.token, `participants/${(await h.user()).actor.id}/ask-unmute`),
      404,
    );
  });

  it('removes someone for good: banned, disconnected, everyone told, and every later join 403 (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const me = people[0];
    if (!me) throw new Error('one person');
    const rec = await h.record(meeting.code);
    const res = await h.act(meeting.code, host.token, `participants/${me.actor.id}/remove`);
    expect(res.statusCode, res.body).toBe(204);
    expect(h.roomService.calls.removeParticipant).toContainEqual([meeting.code, me.actor.id]);
    await poll(() => rec.of('participant.removed')).toHaveLength(1);
    expect(rec.of('participant.removed')[0]).toEqual({
      audience: 'all',
      message: { type: 'participant.removed', identity: me.actor.id },
    });
    await rec.stop();
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.state).toBe('removed');
    const ban = await h.db
      .selectFrom('meeting_bans')
      .selectAll()
      .where('meeting_code', '=', meeting.code)
      .executeTakeFirstOrThrow();
    expect(ban).toMatchObject({ identity: me.actor.id, banned_by: host.actor.id });
    expectProblem(await h.join(meeting.code, me.token), 403, 'removed-from-meeting');
    // Even with the live roster gone (a Redis flush), the ban holds.
    await roster.clear(h.live, meeting.code);
    expectProblem(await h.join(meeting.code, me.token), 403, 'removed-from-meeting');
    // Removing again is harmless; LiveKit no longer knows them (not found is ignored).
    expect(
      (await h.act(meeting.code, host.token, `participants/${me.actor.id}/remove`)).statusCode,
    ).toBe(204);
  });

  it('disconnects a removed participant again the moment LiveKit says they joined with their old token (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const me = people[0]?.actor.id ?? '';
    await h.act(meeting.code, host.token, `participants/${me}/remove`);
    const before = h.roomService.calls.removeParticipant.length;
    h.roomService.enter(meeting.code, me);
    const event: LiveKitEvent = {
      id: crypto.randomUUID(),
      event: 'participant_joined',
      room: meeting.code,
      participant: { identity: me, name: 'Person 0', metadata: '' },
      createdAt: new Date().toISOString(),
    };
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event);
    await poll(() => h.roomService.calls.removeParticipant.slice(before)).toEqual([
      [meeting.code, me],
    ]);
    expect((await roster.get(h.live, meeting.code, me))?.state).toBe('removed');
    const open = await h.db
      .selectFrom('meeting_attendance')
      .select('id')
      .where('meeting_code', '=', meeting.code)
      .where('identity', '=', me)
      .where('left_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });

  it('issues LiveKit tokens that expire within minutes, so a removed person’s old one soon stops working', () => {
    expect(JOIN_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(10 * 60);
  });

  it('never lets anyone remove the host (403)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const helper = people[0];
    if (!helper) throw new Error('one person');
    await h.act(meeting.code, host.token, `participants/${helper.actor.id}/role`, {
      role: 'co-host',
    });
    expectProblem(
      await h.act(meeting.code, helper.token, `participants/${host.actor.id}/remove`),
      403,
      'cannot-remove-host',
    );
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
  });
});
