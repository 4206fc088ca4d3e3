import type {
  AdminAuditEntry,
  AdminLiveMeeting,
  AdminRecordings,
  AdminUsage,
  Meeting,
} from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordParticipantLeft } from '../src/index.js';
import { expectProblem, liveMeeting, poll, startHarness, type Harness } from './harness.js';

const CODE = 'abc-defg-hij';

type OpenApi = {
  paths: Record<string, Partial<Record<'get' | 'post', { tags: string[]; responses: object }>>>;
};

/** Every admin route of the meeting-service, for the "refused to non-admins" table. */
const ADMIN_ROUTES: { method: 'GET' | 'POST'; url: string }[] = [
  { method: 'GET', url: '/api/meetings/admin/live' },
  { method: 'POST', url: `/api/meetings/admin/live/${CODE}/end` },
  { method: 'GET', url: '/api/meetings/admin/usage' },
  { method: 'GET', url: '/api/meetings/admin/recordings' },
  { method: 'GET', url: '/api/meetings/admin/audit' },
];

describeBackends('admin console (meetings) on $name', (backend) => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
    const actor = { ...h.tokens.user('Admin Ada'), email: 'ada@example.test', admin: true };
    admin = await h.tokens.issue(actor);
  });
  afterAll(() => h?.close());

  const live = async () => {
    const res = await h.call('GET', '/api/meetings/admin/live', admin);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ meetings: AdminLiveMeeting[] }>().meetings;
  };

  it('refuses every admin route to users, hosts and guests (403) and to nobody (401)', async () => {
    const { host, meeting } = await liveMeeting(h, 0);
    const user = await h.user('Plain User');
    const guest = await h.guest(meeting.code);
    for (const route of ADMIN_ROUTES) {
      const url = route.url.replace(CODE, meeting.code);
      for (const token of [user.token, host.token, guest.token]) {
        expectProblem(await h.call(route.method, url, token), 403, 'admin-required');
      }
      expectProblem(await h.call(route.method, url), 401);
    }
    // Nothing happened to the meeting the host runs.
    expect((await live()).map((m) => m.code)).toContain(meeting.code);
  });

  it('documents every admin route in the OpenAPI document, tagged admin, with its 403', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json<OpenApi>();
    for (const route of ADMIN_ROUTES) {
      const path = route.url.replace(CODE, '{code}');
      const op = doc.paths[path]?.[route.method.toLowerCase() as 'get' | 'post'];
      expect(op?.tags, path).toEqual(['admin']);
      expect(Object.keys(op?.responses ?? {}), path).toEqual(
        expect.arrayContaining(['200', '401', '403']),
      );
    }
  });

  it('lists meetings in progress with how many are in each', async () => {
    const { meeting } = await liveMeeting(h, 2);
    const scheduled = await h.create((await h.user()).token);
    const meetings = await live();
    expect(meetings.find((m) => m.code === meeting.code)).toMatchObject({
      title: meeting.title,
      hostName: 'Hedy Host',
      participants: 3,
      maxParticipants: meeting.settings.maxParticipants,
    });
    expect(meetings.map((m) => m.code)).not.toContain(scheduled.code);
  });

  it('ends a meeting in progress as its host would, and writes the audit log', async () => {
    const { host, meeting } = await liveMeeting(h, 2);
    const events = await h.record(meeting.code);
    const res = await h.call('POST', `/api/meetings/admin/live/${meeting.code}/end`, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code: meeting.code, title: meeting.title, participants: 3 });

    // Every socket of the meeting is told, as when the host ends it; the room goes.
    await poll(() => events.of('meeting.ended')).toEqual([
      { audience: 'all', message: { type: 'meeting.ended' } },
    ]);
    await events.stop();
    expect(h.roomService.deleted).toContain(meeting.code);
    const seen = await h.call('GET', `/api/meetings/${meeting.code}`, host.token);
    expect(seen.json<Meeting>().state).toBe('ended');
    expect((await live()).map((m) => m.code)).not.toContain(meeting.code);
    expectProblem(await h.join(meeting.code, host.token), 410, 'meeting-ended');

    const again = await h.call('POST', `/api/meetings/admin/live/${meeting.code}/end`, admin);
    expectProblem(again, 409, 'meeting-not-live');
    const unknown = await h.call('POST', `/api/meetings/admin/live/zzz-zzzz-zzz/end`, admin);
    expectProblem(unknown, 404, 'meeting-not-found');

    const audit = await h.call('GET', '/api/meetings/admin/audit', admin);
    expect(audit.statusCode, audit.body).toBe(200);
    const [entry] = audit.json<{ entries: AdminAuditEntry[] }>().entries;
    expect(entry).toMatchObject({
      action: 'meeting.end',
      target: meeting.code,
      adminEmail: 'ada@example.test',
      details: { title: meeting.title, hostId: host.actor.id, participants: 3 },
    });
  });

  it('sums recording storage from the recordings kept', async () => {
    const before = await h.call('GET', '/api/meetings/admin/recordings', admin);
    expect(before.statusCode, before.body).toBe(200);
    const { meeting } = await liveMeeting(h, 0);
    const row = (id: string, bytes: number, deleted: boolean) => ({
      id,
      meeting_code: meeting.code,
      state: 'ready' as const,
      audio_only: false,
      requested_by: 'someone',
      requested_by_name: 'Someone',
      requested_at: new Date(),
      owner: null,
      heartbeat_at: null,
      started_at: null,
      ended_at: null,
      updated_at: new Date(),
      failure_reason: null,
      object_key: `${id}.mp4`,
      bytes,
      duration_ms: 1000,
      deleted_at: deleted ? new Date() : null,
    });
    await h.db
      .insertInto('meeting_recordings')
      .values([
        row(crypto.randomUUID(), 5_000_000, false),
        row(crypto.randomUUID(), 3_000_000, false),
        row(crypto.randomUUID(), 9_000_000, true),
      ])
      .execute();
    const was = before.json<AdminRecordings>();
    const now = (
      await h.call('GET', '/api/meetings/admin/recordings', admin)
    ).json<AdminRecordings>();
    expect(now.recordings - was.recordings).toBe(3);
    expect(now.storedFiles - was.storedFiles).toBe(2);
    expect(now.storedBytes - was.storedBytes).toBe(8_000_000);
    expect(now.deletedFiles - was.deletedFiles).toBe(1);
    expect(now.largest).toContainEqual({
      meetingCode: meeting.code,
      title: meeting.title,
      files: 2,
      bytes: 8_000_000,
    });
  });

  it('refuses a usage range that is backwards or too long (400)', async () => {
    const backwards = '/api/meetings/admin/usage?from=2031-05-10&to=2031-05-01';
    expectProblem(await h.call('GET', backwards, admin), 400, 'validation');
    const long = '/api/meetings/admin/usage?from=2020-01-01&to=2031-05-01';
    expectProblem(await h.call('GET', long, admin), 400, 'validation');
    expectProblem(await h.call('GET', '/api/meetings/admin/usage?from=May', admin), 400);
  });
});

describeBackends('admin usage from attendance on $name', (backend) => {
  let h: Harness;
  let at = new Date('2031-05-10T00:00:00Z');
  let admin: string;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'), { now: () => at });
    admin = await h.tokens.issue({ ...h.tokens.user('Admin Ada'), admin: true });
  });
  afterAll(() => h?.close());

  const time = (hhmm: string, day = '2031-05-10') => new Date(`${day}T${hhmm}:00Z`);
  const joinAt = async (code: string, token: string, when: Date) => {
    at = when;
    const res = await h.join(code, token);
    expect(res.statusCode, res.body).toBe(200);
  };
  const leaveAt = async (code: string, identity: string, when: Date) => {
    at = when;
    const left = await recordParticipantLeft({
      ctx: { db: h.db, live: h.live },
      input: { code, identity, at: when },
    });
    expect(left).toBe(true);
  };

  describe('a scripted day', () => {
    it('gives meeting minutes, participant minutes and the peak per UTC day', async () => {
      const hedy = await h.user('Hedy Host');
      const kim = await h.user('Kim Host');
      const [pat, sam] = [await h.user('Pat'), await h.user('Sam')];
      at = time('09:00');
      const a = await h.create(hedy.token, { settings: { lobby: false } });
      const b = await h.create(kim.token, { settings: { lobby: false } });

      await joinAt(a.code, hedy.token, time('10:00'));
      await joinAt(a.code, pat.token, time('10:10'));
      await joinAt(b.code, kim.token, time('10:30'));
      await leaveAt(a.code, pat.actor.id, time('10:40'));
      await leaveAt(b.code, kim.actor.id, time('10:50'));
      await leaveAt(a.code, hedy.actor.id, time('11:00'));
      // Across midnight: half an hour on each day.
      await joinAt(a.code, sam.token, time('23:30'));
      await leaveAt(a.code, sam.actor.id, time('00:30', '2031-05-11'));

      at = time('12:00', '2031-05-12');
      const res = await h.call(
        'GET',
        '/api/meetings/admin/usage?from=2031-05-09&to=2031-05-11',
        admin,
      );
      expect(res.statusCode, res.body).toBe(200);
      const usage = res.json<AdminUsage>();
      expect(usage.days).toEqual([
        {
          date: '2031-05-09',
          meetings: 0,
          meetingMinutes: 0,
          participantMinutes: 0,
          peakConcurrentParticipants: 0,
        },
        // Hedy 60 + Pat 30 + Kim 20 + Sam 30; meeting A 60 + 30, B 20; Hedy, Pat and Kim at 10:30.
        {
          date: '2031-05-10',
          meetings: 2,
          meetingMinutes: 110,
          participantMinutes: 140,
          peakConcurrentParticipants: 3,
        },
        {
          date: '2031-05-11',
          meetings: 1,
          meetingMinutes: 30,
          participantMinutes: 30,
          peakConcurrentParticipants: 1,
        },
      ]);
      expect(usage.totals).toEqual({
        meetingMinutes: 140,
        participantMinutes: 170,
        peakConcurrentParticipants: 3,
      });
    });
  });
});
