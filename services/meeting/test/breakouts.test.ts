import { LIVEKIT_EVENTS_TOPIC, roster, type LiveKitEvent } from '@gomeet/platform';
import type { BreakoutState, BreakoutView, JoinResult } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { TokenVerifier, TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { buildApp } from '../src/index.js';
import {
  expectProblem,
  LIVEKIT,
  liveMeeting,
  poll,
  startHarness,
  type Harness,
} from './harness.js';

/** The LiveKit room a token lets its holder into. */
const roomOf = async (answer: JoinResult) =>
  answer.status === 'joined'
    ? (await new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(answer.token)).video?.room
    : undefined;

describeBackends('breakout rooms on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const post = async (code: string, token: string, path: string, body?: object) =>
    h.call('POST', `/api/meetings/${code}/breakouts${path}`, token, body);
  const ok = async <T>(res: Awaited<ReturnType<typeof post>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  it('creates rooms, assigns by hand and at random, refusing non-hosts (403) and bad input (400 naming the field)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 4);
    const code = meeting.code;
    const [first] = people;
    if (!first) throw new Error('people');
    expectProblem(await post(code, first.token, '', { count: 2 }), 403, 'not-host');
    const bad = await post(code, host.token, '', { count: 0 });
    expectProblem(bad, 400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.count');
    expectProblem(await post(code, host.token, '/shuffle'), 409, 'no-breakout-rooms');

    const created = await ok<BreakoutState>(await post(code, host.token, '', { count: 2 }));
    expect(created.rooms).toEqual([
      { number: 1, name: 'Room 1' },
      { number: 2, name: 'Room 2' },
    ]);
    const outside = await post(code, host.token, '/assign', { identity: first.actor.id, room: 3 });
    expectProblem(outside, 400);
    expect(outside.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.room');
    const byHand = await ok<BreakoutState>(
      await post(code, host.token, '/assign', { identity: first.actor.id, room: 2 }),
    );
    expect(byHand.assignments).toEqual({ [first.actor.id]: 2 });

    const shuffled = await ok<BreakoutState>(await post(code, host.token, '/shuffle'));
    const ids = people.map((p) => p.actor.id).sort();
    expect(Object.keys(shuffled.assignments).sort()).toEqual(ids);
    expect(Object.values(shuffled.assignments).sort()).toEqual([1, 1, 2, 2]);
    expect(shuffled.assignments[host.actor.id]).toBeUndefined();
  });

  it('opens the rooms: each person’s token is for their room, help reaches hosts, a broadcast everyone, close brings all back', async () => {
    const { host, meeting, people } = await liveMeeting(h, 2);
    const code = meeting.code;
    const [ann, ben] = people;
    if (!ann || !ben) throw new Error('two people');
    await post(code, host.token, '', { count: 2 });
    await post(code, host.token, '/assign', { identity: ann.actor.id, room: 1 });
    await post(code, host.token, '/assign', { identity: ben.actor.id, room: 2 });
    const rec = await h.record(code);
    expectProblem(await post(code, host.token, '/broadcast', { text: 'Hi' }), 409);
    const opened = await ok<BreakoutState>(
      await post(code, host.token, '/open', { durationSeconds: 600 }),
    );
    expect(opened.open).toBe(true);
    expect(Date.parse(opened.endsAt ?? '') - Date.now()).toBeGreaterThan(590_000);
    await poll(() => rec.of('breakouts.updated').at(-1)?.audience).toBe('all');

    expect(await roomOf(await ok(await post(code, ann.token, '/token')))).toBe(`${code}~1`);
    expect(await roomOf(await ok(await post(code, ben.token, '/token')))).toBe(`${code}~2`);
    expect(await roomOf(await ok(await post(code, host.token, '/token')))).toBe(code);
    const seen = await ok<BreakoutView>(
      await h.call('GET', `/api/meetings/${code}/breakouts`, ann.token),
    );
    expect(seen).toMatchObject({ open: true, assignments: { [ann.actor.id]: 1 } });
    expect(seen.help).toBeUndefined();

    expect((await post(code, ben.token, '/help')).statusCode).toBe(204);
    await poll(() => rec.of('breakouts.help')).toHaveLength(1);
    expect(rec.of('breakouts.help')[0]).toMatchObject({
      audience: 'hosts',
      message: { request: { identity: ben.actor.id, name: 'Person 1', room: 2 } },
    });
    expectProblem(await post(code, host.token, '/help'), 409, 'not-in-breakout');
    const hostView = await ok<BreakoutView>(
      await h.call('GET', `/api/meetings/${code}/breakouts`, host.token),
    );
    expect(hostView.help?.map((r) => r.identity)).toEqual([ben.actor.id]);

    expect(
      (await post(code, host.token, '/broadcast', { text: 'Five minutes left' })).statusCode,
    ).toBe(204);
    await poll(() => rec.of('breakouts.broadcast').map((e) => [e.audience, e.message])).toEqual([
      ['all', { type: 'breakouts.broadcast', from: 'Hedy Host', text: 'Five minutes left' }],
    ]);

    const visit = await ok<JoinResult>(await post(code, host.token, '/visit', { room: 2 }));
    expect(await roomOf(visit)).toBe(`${code}~2`);
    const afterVisit = await ok<BreakoutView>(
      await h.call('GET', `/api/meetings/${code}/breakouts`, host.token),
    );
    expect(afterVisit.help).toEqual([]);
    expectProblem(await post(code, ann.token, '/visit', { room: 2 }), 403, 'not-host');

    const closed = await ok<BreakoutState>(await post(code, host.token, '/close'));
    expect(closed.open).toBe(false);
    for (const p of [ann, ben, host])
      expect(await roomOf(await ok(await post(code, p.token, '/token')))).toBe(code);
    await rec.stop();
  });

  it('closes the rooms on their own when the timer runs out', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const code = meeting.code;
    const [ann] = people;
    if (!ann) throw new Error('one person');
    await post(code, host.token, '', { count: 1 });
    await post(code, host.token, '/assign', { identity: ann.actor.id, room: 1 });
    await post(code, host.token, '/open', { durationSeconds: 30 });
    // The same meeting read a minute later, by an instance whose clock says so.
    const later = buildApp({
      ...h.deps,
      now: () => new Date(Date.now() + 60_000),
      logLevel: false,
    });
    const res = await later.inject({
      method: 'POST',
      url: `/api/meetings/${code}/breakouts/token`,
      headers: { authorization: `Bearer ${ann.token}` },
    });
    expect(await roomOf(res.json<JoinResult>())).toBe(code);
    await later.close();
    expect(await roomOf(await ok(await post(code, ann.token, '/token')))).toBe(`${code}~1`);
  });

  it('a move to a breakout room is no leave: attendance and the roster follow the room one belongs in', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const code = meeting.code;
    const [ann] = people;
    if (!ann) throw new Error('one person');
    const who = ann.actor.id;
    const event = (kind: string, room: string, identity = who): LiveKitEvent => ({
      id: crypto.randomUUID(),
      event: kind,
      room,
      participant: { identity, name: 'Person 0', metadata: '' },
      createdAt: new Date().toISOString(),
    });
    const openStay = async (identity = who) =>
      (
        await h.db
          .selectFrom('meeting_attendance')
          .select('left_at')
          .where('meeting_code', '=', code)
          .where('identity', '=', identity)
          .execute()
      ).some((s) => s.left_at === null);
    /** Each room's events apply in order: a sentinel's join showing up means those before it did. */
    const settle = async (room: string) => {
      const sentinel = `sentinel-${crypto.randomUUID()}`;
      await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event('participant_joined', room, sentinel));
      await poll(() => openStay(sentinel)).toBe(true);
    };
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event('participant_joined', code));
    await poll(openStay).toBe(true);

    await post(code, host.token, '', { count: 1 });
    await post(code, host.token, '/assign', { identity: who, room: 1 });
    expect((await post(code, host.token, '/open', {})).statusCode).toBe(200);
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event('participant_left', code));
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event('participant_joined', `${code}~1`));
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event('room_finished', code));
    await settle(code);
    await settle(`${code}~1`);
    expect(await openStay()).toBe(true);
    expect((await roster.get(h.live, code, who))?.state).toBe('joined');

    // Leaving from the breakout room is leaving the meeting.
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, event('participant_left', `${code}~1`));
    await poll(openStay).toBe(false);
  });

  it('a rejoin while the rooms are open lands in the breakout room; host mute, remove and the end reach people there', async () => {
    const { host, meeting, people } = await liveMeeting(h, 2);
    const code = meeting.code;
    const [ann, ben] = people;
    if (!ann || !ben) throw new Error('two people');
    await post(code, host.token, '', { count: 2 });
    await post(code, host.token, '/assign', { identity: ann.actor.id, room: 1 });
    await post(code, host.token, '/assign', { identity: ben.actor.id, room: 2 });
    await ok(await post(code, host.token, '/open', {}));
    h.roomService.enter(`${code}~1`, ann.actor.id);
    h.roomService.enter(`${code}~2`, ben.actor.id);

    // Ann reloads: the join itself answers with her room's token, not the main room's.
    const again = await h.join(code, ann.token);
    expect(again.statusCode, again.body).toBe(200);
    const rejoined = again.json<JoinResult>();
    expect(rejoined).toMatchObject({ status: 'joined', breakoutRoom: 1 });
    expect(await roomOf(rejoined)).toBe(`${code}~1`);
    const hostJoin = (await h.join(code, host.token)).json<JoinResult>();
    expect(hostJoin).toMatchObject({ breakoutRoom: null });
    expect(await roomOf(hostJoin)).toBe(code);

    const mute = await h.act(code, host.token, `participants/${ann.actor.id}/mute`, {
      source: 'microphone',
    });
    expect(mute.statusCode, mute.body).toBe(200);
    expect(h.roomService.isMuted(`${code}~1`, ann.actor.id, TrackSource.MICROPHONE)).toBe(true);
    const all = await h.act(code, host.token, 'mute-all');
    expect(all.statusCode, all.body).toBe(200);
    expect(h.roomService.isMuted(`${code}~2`, ben.actor.id, TrackSource.MICROPHONE)).toBe(true);

    const removed = await h.act(code, host.token, `participants/${ben.actor.id}/remove`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect(h.roomService.calls.removeParticipant).toContainEqual([`${code}~2`, ben.actor.id]);

    expect((await h.act(code, host.token, 'end')).statusCode).toBeLessThan(300);
    await poll(() => h.roomService.deleted.filter((r) => r.startsWith(code)).sort()).toEqual([
      code,
      `${code}~1`,
      `${code}~2`,
    ]);
  });
});
