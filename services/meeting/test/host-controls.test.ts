import { LIVEKIT_EVENTS_TOPIC, roster, type LiveKitEvent } from '@gomeet/platform';
import type { IdentityList } from '@gomeet/protocol';
import { databaseBackends } from '@gomeet/testing';
import { TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOIN_TOKEN_TTL_SECONDS } from '../src/index.js';
import { expectProblem, startHarness, type Harness, poll } from './harness.js';

describe.each(databaseBackends(inject('postgresUrl')))('host controls on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const join = (code: string, token: string) =>
    h.call('POST', `/api/meetings/${code}/join`, token, {});
  const act = (code: string, token: string, path: string, body?: object) =>
    h.call('POST', `/api/meetings/${code}/${path}`, token, body);

  /** A live meeting (no lobby) with its host and `n` participants joined and in the room. */
  async function liveMeeting(n: number, settings: object = {}) {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, { settings: { lobby: false, ...settings } });
    const people = [host];
    for (let i = 0; i < n; i++) people.push(await h.user(`Person ${i}`));
    for (const p of people) {
      expect((await join(meeting.code, p.token)).statusCode).toBe(200);
      h.roomService.enter(meeting.code, p.actor.id);
    }
    return { host, meeting, people: people.slice(1) };
  }

  it('mutes one person’s microphone through LiveKit and tells them alone who did (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(2);
    const [me, other] = people;
    if (!me || !other) throw new Error('two people');
    const rec = await h.record(meeting.code);
    const res = await act(meeting.code, host.token, `participants/${me.actor.id}/mute`, {
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
    const { host, meeting, people } = await liveMeeting(1);
    const me = people[0]?.actor.id ?? '';
    const res = await act(meeting.code, host.token, `participants/${me}/mute`, {
      source: 'camera',
    });
    expect(res.statusCode).toBe(200);
    expect(h.roomService.isMuted(meeting.code, me, TrackSource.CAMERA)).toBe(true);
    expect(h.roomService.isMuted(meeting.code, me, TrackSource.MICROPHONE)).toBe(false);
    const absent = await h.user();
    expectProblem(
      await act(meeting.code, host.token, `participants/${absent.actor.id}/mute`, {
        source: 'camera',
      }),
      404,
      'participant-not-found',
    );
    expectProblem(
      await act(meeting.code, host.token, `participants/${me}/mute`, { source: 'screen' }),
      400,
    );
  });

  it('mutes every microphone but the hosts’ and co-hosts’, cameras untouched (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(3);
    const [helper, ...rest] = people;
    if (!helper) throw new Error('a helper');
    await act(meeting.code, host.token, `participants/${helper.actor.id}/role`, {
      role: 'co-host',
    });
    const rec = await h.record(meeting.code);
    const res = await act(meeting.code, helper.token, 'mute-all');
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
    const { host, meeting, people } = await liveMeeting(1);
    const me = people[0]?.actor.id ?? '';
    await act(meeting.code, host.token, `participants/${me}/mute`, { source: 'microphone' });
    const muteCalls = h.roomService.calls.mutePublishedTrack.length;
    const rec = await h.record(meeting.code);
    const res = await act(meeting.code, host.token, `participants/${me}/ask-unmute`);
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
      await act(meeting.code, host.token, `participants/${(await h.user()).actor.id}/ask-unmute`),
      404,
    );
  });

  it('removes someone for good: banned, disconnected, everyone told, and every later join 403 (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(1);
    const me = people[0];
    if (!me) throw new Error('one person');
    const rec = await h.record(meeting.code);
    const res = await act(meeting.code, host.token, `participants/${me.actor.id}/remove`);
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
    expectProblem(await join(meeting.code, me.token), 403, 'removed-from-meeting');
    // Even with the live roster gone (a Redis flush), the ban holds.
    await roster.clear(h.live, meeting.code);
    expectProblem(await join(meeting.code, me.token), 403, 'removed-from-meeting');
    // Removing again is harmless; LiveKit no longer knows them (not found is ignored).
    expect(
      (await act(meeting.code, host.token, `participants/${me.actor.id}/remove`)).statusCode,
    ).toBe(204);
  });

  it('disconnects a removed participant again the moment LiveKit says they joined with their old token (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(1);
    const me = people[0]?.actor.id ?? '';
    await act(meeting.code, host.token, `participants/${me}/remove`);
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
    const { host, meeting, people } = await liveMeeting(1);
    const helper = people[0];
    if (!helper) throw new Error('one person');
    await act(meeting.code, host.token, `participants/${helper.actor.id}/role`, {
      role: 'co-host',
    });
    expectProblem(
      await act(meeting.code, helper.token, `participants/${host.actor.id}/remove`),
      403,
      'cannot-remove-host',
    );
    expect((await join(meeting.code, host.token)).statusCode).toBe(200);
  });

  it('locks a meeting: new people refused (lobby too), those already in and the host still get in', async () => {
    const { host, meeting, people } = await liveMeeting(1);
    const inside = people[0];
    if (!inside) throw new Error('one person');
    const rec = await h.record(meeting.code);
    const res = await act(meeting.code, host.token, 'lock', { locked: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ locked: true });
    await poll(() => rec.events).toEqual([
      { audience: 'all', message: { type: 'meeting.locked', locked: true } },
    ]);
    expect(await h.live.get(`meeting:${meeting.code}:locked`)).toBe('1');
    const row = await h.db
      .selectFrom('meetings')
      .select('locked')
      .where('code', '=', meeting.code)
      .executeTakeFirstOrThrow();
    expect(row.locked).toBe(true);

    const late = await h.user();
    expectProblem(await join(meeting.code, late.token), 403, 'meeting-locked');
    expect((await join(meeting.code, inside.token)).statusCode).toBe(200);
    expect((await join(meeting.code, host.token)).statusCode).toBe(200);
    const guest = await h.guest(meeting.code);
    expectProblem(await join(meeting.code, guest.token), 403, 'meeting-locked');
    // The lobby is closed too.
    await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      settings: { lobby: true },
    });
    expectProblem(await join(meeting.code, late.token), 403, 'meeting-locked');

    expect((await act(meeting.code, host.token, 'lock', { locked: false })).statusCode).toBe(200);
    expect(await h.live.get(`meeting:${meeting.code}:locked`)).toBeUndefined();
    expect((await join(meeting.code, late.token)).statusCode).toBe(202);
    await rec.stop();
  });

  it('makes someone a co-host and back, stored, on the roster and announced; only the host may', async () => {
    const { host, meeting, people } = await liveMeeting(2);
    const [me, other] = people;
    if (!me || !other) throw new Error('two people');
    const rec = await h.record(meeting.code);
    const path = `participants/${me.actor.id}/role`;
    const res = await act(meeting.code, host.token, path, { role: 'co-host' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ identity: me.actor.id, role: 'co-host' });
    await poll(() => rec.events).toEqual([
      {
        audience: 'all',
        message: { type: 'role.changed', identity: me.actor.id, role: 'co-host' },
      },
    ]);
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.role).toBe('co-host');
    expect((await join(meeting.code, me.token)).json()).toMatchObject({ role: 'co-host' });
    // A co-host moderates, but does not hand out roles.
    expect((await act(meeting.code, me.token, 'lock', { locked: false })).statusCode).toBe(200);
    expectProblem(
      await act(meeting.code, me.token, `participants/${other.actor.id}/role`, { role: 'co-host' }),
      403,
      'not-host',
    );
    expectProblem(
      await act(meeting.code, host.token, `participants/${host.actor.id}/role`, {
        role: 'participant',
      }),
      409,
      'host-role',
    );
    const back = await act(meeting.code, host.token, path, { role: 'participant' });
    expect(back.json()).toEqual({ identity: me.actor.id, role: 'participant' });
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.role).toBe('participant');
    expectProblem(await act(meeting.code, me.token, 'lock', { locked: true }), 403, 'not-host');
    await rec.stop();
  });

  it('refuses every host control to participants and guests (403), touching nothing', async () => {
    const { host, meeting, people } = await liveMeeting(2);
    const [me, target] = people;
    if (!me || !target) throw new Error('two people');
    const guest = await h.guest(meeting.code);
    expect((await join(meeting.code, guest.token)).statusCode).toBe(200);
    const t = target.actor.id;
    const routes: [string, object?][] = [
      [`participants/${t}/mute`, { source: 'microphone' }],
      ['mute-all'],
      [`participants/${t}/ask-unmute`],
      [`participants/${t}/remove`],
      ['lock', { locked: true }],
      [`participants/${t}/role`, { role: 'co-host' }],
      [`participants/${me.actor.id}/role`, { role: 'co-host' }],
      ['end'],
    ];
    const calls = JSON.stringify(h.roomService.calls);
    const rec = await h.record(meeting.code);
    for (const who of [me, guest]) {
      for (const [path, body] of routes) {
        expectProblem(await act(meeting.code, who.token, path, body), 403);
      }
    }
    expect(JSON.stringify(h.roomService.calls)).toBe(calls);
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.events).toEqual([]);
    await rec.stop();
    expect((await join(meeting.code, target.token)).statusCode).toBe(200);
    expect((await h.call('GET', `/api/meetings/${meeting.code}`, host.token)).json()).toMatchObject(
      { state: 'live' },
    );
  });

  it('does not let a host of meeting X act on meeting Y, even on people who are in both', async () => {
    const x = await liveMeeting(1);
    const y = await liveMeeting(0);
    const both = x.people[0];
    if (!both) throw new Error('one person');
    expect((await join(y.meeting.code, both.token)).statusCode).toBe(200);
    h.roomService.enter(y.meeting.code, both.actor.id);
    const t = both.actor.id;
    const calls = JSON.stringify(h.roomService.calls);
    const routes: [string, object?][] = [
      [`participants/${t}/mute`, { source: 'microphone' }],
      ['mute-all'],
      [`participants/${t}/ask-unmute`],
      [`participants/${t}/remove`],
      ['lock', { locked: true }],
      [`participants/${t}/role`, { role: 'co-host' }],
      ['end'],
    ];
    for (const [path, body] of routes) {
      expectProblem(await act(y.meeting.code, x.host.token, path, body), 403, 'not-host');
    }
    expect(JSON.stringify(h.roomService.calls)).toBe(calls);
    expect((await join(y.meeting.code, both.token)).statusCode).toBe(200);
    // A guest pass for X cannot act on Y either.
    const guest = await h.guest(x.meeting.code);
    expectProblem(await act(y.meeting.code, guest.token, 'mute-all'), 403);
  });

  it('ends a meeting for everyone: roster cleared, meeting.ended to all, room deleted (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(1);
    await act(meeting.code, host.token, 'lock', { locked: true });
    const rec = await h.record(meeting.code);
    expect((await act(meeting.code, host.token, 'end')).statusCode).toBe(200);
    await poll(() => rec.of('meeting.ended')).toEqual([
      { audience: 'all', message: { type: 'meeting.ended' } },
    ]);
    await rec.stop();
    expect(await roster.all(h.live, meeting.code)).toEqual([]);
    expect(await h.live.get(`meeting:${meeting.code}:locked`)).toBeUndefined();
    expect(h.roomService.deleted).toContain(meeting.code);
    expectProblem(await join(meeting.code, people[0]?.token ?? ''), 410, 'meeting-ended');
  });
});
