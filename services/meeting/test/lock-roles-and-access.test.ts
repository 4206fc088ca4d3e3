import { roster } from '@gomeet/platform';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, liveMeeting, poll, startHarness, type Harness } from './harness.js';

describeBackends('locking, roles and who may moderate on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('locks a meeting: new people refused (lobby too), those already in and the host still get in', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const inside = people[0];
    if (!inside) throw new Error('one person');
    const rec = await h.record(meeting.code);
    const res = await h.act(meeting.code, host.token, 'lock', { locked: true });
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
    expectProblem(await h.join(meeting.code, late.token), 403, 'meeting-locked');
    expect((await h.join(meeting.code, inside.token)).statusCode).toBe(200);
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
    const guest = await h.guest(meeting.code);
    expectProblem(await h.join(meeting.code, guest.token), 403, 'meeting-locked');
    // The lobby is closed too.
    await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      settings: { lobby: true },
    });
    expectProblem(await h.join(meeting.code, late.token), 403, 'meeting-locked');

    expect((await h.act(meeting.code, host.token, 'lock', { locked: false })).statusCode).toBe(200);
    expect(await h.live.get(`meeting:${meeting.code}:locked`)).toBeUndefined();
    expect((await h.join(meeting.code, late.token)).statusCode).toBe(202);
    await rec.stop();
  });

  it('makes someone a co-host and back, stored, on the roster and announced; only the host may', async () => {
    const { host, meeting, people } = await liveMeeting(h, 2);
    const [me, other] = people;
    if (!me || !other) throw new Error('two people');
    const rec = await h.record(meeting.code);
    const path = `participants/${me.actor.id}/role`;
    const res = await h.act(meeting.code, host.token, path, { role: 'co-host' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ identity: me.actor.id, role: 'co-host' });
    await poll(() => rec.events).toEqual([
      {
        audience: 'all',
        message: { type: 'role.changed', identity: me.actor.id, role: 'co-host' },
      },
    ]);
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.role).toBe('co-host');
    expect((await h.join(meeting.code, me.token)).json()).toMatchObject({ role: 'co-host' });
    // A co-host moderates, but does not hand out roles.
    expect((await h.act(meeting.code, me.token, 'lock', { locked: false })).statusCode).toBe(200);
    expectProblem(
      await h.act(meeting.code, me.token, `participants/${other.actor.id}/role`, {
        role: 'co-host',
      }),
      403,
      'not-host',
    );
    expectProblem(
      await h.act(meeting.code, host.token, `participants/${host.actor.id}/role`, {
        role: 'participant',
      }),
      409,
      'host-role',
    );
    const back = await h.act(meeting.code, host.token, path, { role: 'participant' });
    expect(back.json()).toEqual({ identity: me.actor.id, role: 'participant' });
    expect((await roster.get(h.live, meeting.code, me.actor.id))?.role).toBe('participant');
    expectProblem(await h.act(meeting.code, me.token, 'lock', { locked: true }), 403, 'not-host');
    await rec.stop();
  });

  it('refuses every host control to participants and guests (403), touching nothing', async () => {
    const { host, meeting, people } = await liveMeeting(h, 2);
    const [me, target] = people;
    if (!me || !target) throw new Error('two people');
    const guest = await h.guest(meeting.code);
    expect((await h.join(meeting.code, guest.token)).statusCode).toBe(200);
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
        expectProblem(await h.act(meeting.code, who.token, path, body), 403);
      }
    }
    expect(JSON.stringify(h.roomService.calls)).toBe(calls);
    await rec.settled();
    expect(rec.events).toEqual([]);
    await rec.stop();
    expect((await h.join(meeting.code, target.token)).statusCode).toBe(200);
    expect((await h.call('GET', `/api/meetings/${meeting.code}`, host.token)).json()).toMatchObject(
      { state: 'live' },
    );
  });

  it('does not let a host of meeting X act on meeting Y, even on people who are in both', async () => {
    const x = await liveMeeting(h, 1);
    const y = await liveMeeting(h, 0);
    const both = x.people[0];
    if (!both) throw new Error('one person');
    expect((await h.join(y.meeting.code, both.token)).statusCode).toBe(200);
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
      expectProblem(await h.act(y.meeting.code, x.host.token, path, body), 403, 'not-host');
    }
    expect(JSON.stringify(h.roomService.calls)).toBe(calls);
    expect((await h.join(y.meeting.code, both.token)).statusCode).toBe(200);
    // A guest pass for X cannot act on Y either.
    const guest = await h.guest(x.meeting.code);
    expectProblem(await h.act(y.meeting.code, guest.token, 'mute-all'), 403);
  });

  it('ends a meeting for everyone: roster cleared, meeting.ended to all, room deleted (fake RoomService)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    await h.act(meeting.code, host.token, 'lock', { locked: true });
    const rec = await h.record(meeting.code);
    expect((await h.act(meeting.code, host.token, 'end')).statusCode).toBe(200);
    await poll(() => rec.of('meeting.ended')).toEqual([
      { audience: 'all', message: { type: 'meeting.ended' } },
    ]);
    await rec.stop();
    expect(await roster.all(h.live, meeting.code)).toEqual([]);
    expect(await h.live.get(`meeting:${meeting.code}:locked`)).toBeUndefined();
    expect(h.roomService.deleted).toContain(meeting.code);
    expectProblem(await h.join(meeting.code, people[0]?.token ?? ''), 410, 'meeting-ended');
  });
});
