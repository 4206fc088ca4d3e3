import type { AttendanceReport } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  recordParticipantJoined,
  recordParticipantLeft,
  wasMemberOfEndedMeeting,
} from '../src/index.js';
import { expectProblem, liveMeeting, startHarness, type Harness } from './harness.js';

describeBackends('attendance on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const leave = (code: string, identity: string, at: Date) =>
    recordParticipantLeft({ ctx: { db: h.db, live: h.live }, input: { code, identity, at } });
  const rejoin = (code: string, identity: string, at: Date) =>
    recordParticipantJoined({ ctx: { db: h.db }, input: { code, identity, at } });

  it('shows hosts who came, when, for how long and how often, also after the meeting ended', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const [ann] = people;
    if (!ann) throw new Error('one participant');
    const code = meeting.code;
    const t0 = Date.now();
    expect(await leave(code, ann.actor.id, new Date(t0 + 1_000))).toBe(true);
    expect(await rejoin(code, ann.actor.id, new Date(t0 + 2_000))).toBe(true);
    expect(await leave(code, ann.actor.id, new Date(t0 + 3_000))).toBe(true);
    expect((await h.act(code, host.token, 'end')).statusCode).toBe(200);

    const res = await h.call('GET', `/api/meetings/${code}/attendance`, host.token);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<AttendanceReport>();
    expect(report.attendees.map((a) => [a.name, a.role, a.stays])).toEqual([
      ['Hedy Host', 'host', 1],
      ['Person 0', 'participant', 2],
    ]);
    const annLine = report.attendees[1];
    expect(annLine?.lastLeftAt).toBe(new Date(t0 + 3_000).toISOString());
    expect(annLine?.totalMinutes).toBeLessThan(0.1);
    // The meeting ended, so nobody is still "in": the host's stay closed with it.
    expect(report.attendees[0]?.lastLeftAt).not.toBeNull();
  });

  it('exports attendance as CSV with names quoted and formulas defused', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const odd = await h.user('=HYPERLINK("x"), "Bob"');
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
    expect((await h.join(meeting.code, odd.token)).statusCode).toBe(200);

    const res = await h.call('GET', `/api/meetings/${meeting.code}/attendance.csv`, host.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="attendance-${meeting.code}.csv"`,
    );
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('name,role,first_joined,last_left,total_minutes,stays');
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\), ""Bob""",participant,\S+Z,,[\d.]+,1$/);
  });

  it('counts the host, co-hosts and attendees as past members once the meeting ended, not the removed', async () => {
    const { host, meeting, people } = await liveMeeting(h, 3);
    const [ann, cole, rex] = people;
    if (!ann || !cole || !rex) throw new Error('three participants');
    const code = meeting.code;
    const member = (identity: string) => wasMemberOfEndedMeeting(h.db, code, identity);
    expect(await member(ann.actor.id)).toBe(false);
    expect(
      (await h.act(code, host.token, `participants/${cole.actor.id}/role`, { role: 'co-host' }))
        .statusCode,
    ).toBe(200);
    expect((await h.act(code, host.token, `participants/${rex.actor.id}/remove`)).statusCode).toBe(
      204,
    );
    expect((await h.act(code, host.token, 'end')).statusCode).toBe(200);
    const stranger = await h.user('Stranger');
    const answers = await Promise.all(
      [host, ann, cole, rex, stranger].map((p) => member(p.actor.id)),
    );
    expect(answers).toEqual([true, true, true, false, false]);
  });

  it('documents both attendance routes in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json<{ paths: object }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/meetings/{code}/attendance',
        '/api/meetings/{code}/attendance.csv',
      ]),
    );
  });

  it('refuses attendance to participants, guests and strangers', async () => {
    const { meeting, people } = await liveMeeting(h, 1);
    const stranger = await h.user('Stranger');
    const guest = await h.guest(meeting.code);
    for (const token of [people[0]?.token, stranger.token, guest.token]) {
      for (const path of ['attendance', 'attendance.csv']) {
        expectProblem(await h.call('GET', `/api/meetings/${meeting.code}/${path}`, token), 403);
      }
    }
    expectProblem(
      await h.call('GET', '/api/meetings/zzz-zzzz-zzz/attendance', people[0]?.token),
      404,
    );
  });
});
