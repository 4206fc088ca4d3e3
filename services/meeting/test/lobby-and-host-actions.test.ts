import { roster, type Actor } from '@gomeet/platform';
import type { JoinResult, Meeting } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createContext } from '../src/deps.js';
import {
  admitFromLobby,
  promoteCoHost,
  recordParticipantJoined,
  recordParticipantLeft,
} from '../src/index.js';
import { createMeeting } from '../src/meetings/create-meeting.js';
import { expectProblem, startHarness, type Harness } from './harness.js';

describeBackends('lobby, attendance and host actions on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const ctxOf = (actor: Actor) => createContext(h.deps, actor, h.app.log);
  const attendance = (code: string) =>
    h.db
      .selectFrom('meeting_attendance')
      .selectAll()
      .where('meeting_code', '=', code)
      .orderBy('id')
      .execute();

  it('holds a participant in the lobby (202) until the host admits them, then gives a token', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
    const me = await h.user('Barbara Liskov');

    const waiting = await h.join(meeting.code, me.token);
    expect(waiting.statusCode).toBe(202);
    expect(waiting.json<JoinResult>()).toEqual({
      status: 'waiting',
      role: 'participant',
      identity: me.actor.id,
    });
    expect((await h.join(meeting.code, me.token)).statusCode).toBe(202);
    const entry = await roster.get(h.live, meeting.code, me.actor.id);
    expect(entry).toMatchObject({
      identity: me.actor.id,
      name: 'Barbara Liskov',
      role: 'participant',
      state: 'waiting',
    });

    const outsider = await h.user();
    await expect(
      admitFromLobby({
        ctx: ctxOf(outsider.actor),
        input: { code: meeting.code, identity: me.actor.id },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await admitFromLobby({
      ctx: ctxOf(host.actor),
      input: { code: meeting.code, identity: me.actor.id },
    });
    const admitted = await h.join(meeting.code, me.token);
    expect(admitted.statusCode).toBe(200);
    expect(admitted.json<JoinResult>()).toMatchObject({ status: 'joined', role: 'participant' });
  });

  it('holds guests in the lobby too, and says so on the bus when one is admitted', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    const guest = await h.guest(meeting.code);
    expect((await h.join(meeting.code, guest.token)).json<JoinResult>()).toMatchObject({
      status: 'waiting',
      role: 'guest',
    });
    const rec = await h.record(meeting.code);
    await admitFromLobby({
      ctx: ctxOf(host.actor),
      input: { code: meeting.code, identity: guest.actor.id },
    });
    await expect.poll(() => rec.of('lobby.admitted')).toHaveLength(1);
    expect(rec.of('lobby.admitted')[0]?.audience).toEqual({ identities: [guest.actor.id] });
    await rec.stop();
    expect((await h.join(meeting.code, guest.token)).statusCode).toBe(200);
  });

  it('lets a co-host skip the lobby and the passcode, change the meeting, but not cancel it', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { passcode: 'hunter22' });
    const helper = await h.user();
    await promoteCoHost({
      ctx: ctxOf(host.actor),
      input: { code: meeting.code, userId: helper.actor.id },
    });
    const res = await h.join(meeting.code, helper.token);
    expect(res.json<JoinResult>()).toMatchObject({ status: 'joined', role: 'co-host' });
    const patched = await h.call('PATCH', `/api/meetings/${meeting.code}`, helper.token, {
      title: 'Co-hosted',
    });
    expect(patched.json<Meeting>()).toMatchObject({ title: 'Co-hosted', myRole: 'co-host' });
    expectProblem(
      await h.call('DELETE', `/api/meetings/${meeting.code}`, helper.token),
      403,
      'not-host',
    );
  });

  it('records who joined and left, one open stay per person however often they re-join', async () => {
    const host = await h.user('Host');
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const me = await h.user('Ken Thompson');
    await h.join(meeting.code, host.token);
    await h.join(meeting.code, me.token);
    await h.join(meeting.code, me.token);
    let rows = await attendance(meeting.code);
    expect(rows.map((r) => [r.identity, r.name, r.role, r.left_at])).toEqual([
      [host.actor.id, 'Host', 'host', null],
      [me.actor.id, 'Ken Thompson', 'participant', null],
    ]);

    const left = new Date();
    expect(
      await recordParticipantLeft({
        ctx: { db: h.db, live: h.live },
        input: { code: meeting.code, identity: me.actor.id, at: left },
      }),
    ).toBe(true);
    expect(
      await recordParticipantLeft({
        ctx: { db: h.db, live: h.live },
        input: { code: meeting.code, identity: me.actor.id, at: left },
      }),
    ).toBe(false);
    expect(
      await recordParticipantJoined({
        ctx: { db: h.db },
        input: { code: meeting.code, identity: me.actor.id, at: new Date() },
      }),
    ).toBe(true);
    rows = await attendance(meeting.code);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.left_at?.getTime()).toBe(left.getTime());
    expect(rows[2]).toMatchObject({
      identity: me.actor.id,
      name: 'Ken Thompson',
      role: 'participant',
      left_at: null,
    });
    expect(
      await recordParticipantJoined({
        ctx: { db: h.db },
        input: { code: 'nop-nope-nop', identity: me.actor.id, at: new Date() },
      }),
    ).toBe(false);
  });

  it('frees a seat in a full meeting when someone leaves', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, {
      settings: { lobby: false, maxParticipants: 2 },
    });
    const first = await h.user();
    const second = await h.user();
    await h.join(meeting.code, host.token);
    await h.join(meeting.code, first.token);
    expectProblem(await h.join(meeting.code, second.token), 409, 'meeting-full');
    await recordParticipantLeft({
      ctx: { db: h.db, live: h.live },
      input: { code: meeting.code, identity: first.actor.id, at: new Date() },
    });
    expect((await h.join(meeting.code, second.token)).statusCode).toBe(200);
  });

  it('ends a meeting: state and time, everyone’s stay closed, meeting.ended to all, roster cleared, room deleted (fake RoomService)', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const me = await h.user();
    await h.join(meeting.code, host.token);
    await h.join(meeting.code, me.token);
    const rec = await h.record(meeting.code);

    const res = await h.call('POST', `/api/meetings/${meeting.code}/end`, host.token);
    expect(res.statusCode).toBe(200);
    const ended = res.json<Meeting>();
    expect(ended.state).toBe('ended');
    expect(Date.parse(ended.endedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    await expect
      .poll(() => rec.events)
      .toContainEqual({ audience: 'all', message: { type: 'meeting.ended' } });
    await rec.stop();
    expect(h.roomService.deleted).toContain(meeting.code);
    expect((await attendance(meeting.code)).every((r) => r.left_at !== null)).toBe(true);
    expect(await roster.all(h.live, meeting.code)).toEqual([]);
  });

  it('ends a meeting whose LiveKit room does not exist (fake RoomService answers not found)', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    h.roomService.missingRooms.add(meeting.code);
    const res = await h.call('POST', `/api/meetings/${meeting.code}/end`, host.token);
    expect(res.statusCode).toBe(200);
    expect(res.json<Meeting>().state).toBe('ended');
    expect(h.roomService.deleted).not.toContain(meeting.code);
  });

  it('lets a co-host end the meeting', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    const helper = await h.user();
    await promoteCoHost({
      ctx: ctxOf(host.actor),
      input: { code: meeting.code, userId: helper.actor.id },
    });
    expect(
      (await h.call('POST', `/api/meetings/${meeting.code}/end`, helper.token)).json<Meeting>()
        .state,
    ).toBe('ended');
  });

  it('picks another code when the first one is taken', async () => {
    const host = await h.user();
    const taken = await h.create(host.token);
    const codes = [taken.code, 'fre-shco-dex'];
    const created = await createMeeting({
      ctx: ctxOf(host.actor),
      input: { title: 'Retry' },
      newCode: () => codes.shift() ?? 'zzz-zzzz-zzz',
    });
    expect(created.code).toBe('fre-shco-dex');
  });
});
