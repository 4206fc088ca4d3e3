import { createHmac } from 'node:crypto';
import { participantMetadata, type JoinResult } from '@gomeet/protocol';
import { sql } from 'kysely';
import { TokenVerifier } from 'livekit-server-sdk';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { JOIN_TOKEN_TTL_SECONDS } from '../src/index.js';
import { LIVEKIT, expectProblem, startHarness, type Harness } from './harness.js';

type Joined = Extract<JoinResult, { status: 'joined' }>;

const livekitClaims = (token: string) =>
  new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(token);

describeBackends('joining a meeting on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  async function joined(code: string, token: string, body: object = {}): Promise<Joined> {
    const res = await h.join(code, token, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Joined>();
  }

  it('gives a participant a LiveKit token for this meeting’s room only, without admin rights', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const me = await h.user('Alan Turing');
    const result = await joined(meeting.code, me.token);
    expect(result).toMatchObject({
      status: 'joined',
      livekitUrl: LIVEKIT.url,
      role: 'participant',
      identity: me.actor.id,
      iceServers: [],
    });

    const claims = await livekitClaims(result.token);
    expect(claims.sub).toBe(me.actor.id);
    expect(claims.name).toBe('Alan Turing');
    expect(claims.video).toMatchObject({
      room: meeting.code,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: false,
    });
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.video?.roomCreate).toBeFalsy();
    expect(claims.video?.roomList).toBeFalsy();
    expect(claims.video?.canPublishSources).toBeUndefined();
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBeGreaterThanOrEqual(
      JOIN_TOKEN_TTL_SECONDS - 5,
    );
    expect((claims.exp ?? 0) - Date.now() / 1000).toBeLessThanOrEqual(JOIN_TOKEN_TTL_SECONDS + 5);
    expect(participantMetadata.parse(JSON.parse(claims.metadata ?? ''))).toEqual({
      role: 'participant',
      userId: me.actor.id,
      name: 'Alan Turing',
    });
  });

  it('gives the host a host token, and turns the meeting live on the first join', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    const result = await joined(meeting.code, host.token);
    expect(result.role).toBe('host');
    expect(JSON.parse((await livekitClaims(result.token)).metadata ?? '')).toMatchObject({
      role: 'host',
    });
    const now = (await h.call('GET', `/api/meetings/${meeting.code}`, host.token)).json<{
      state: string;
    }>();
    expect(now.state).toBe('live');
  });

  it('leaves screen sharing out of a participant’s token when the meeting disallows it, but not the host’s', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, {
      settings: { lobby: false, allowScreenShare: false },
    });
    const me = await h.user();
    const mine = await livekitClaims((await joined(meeting.code, me.token)).token);
    expect(mine.video?.canPublishSources).toEqual(['camera', 'microphone']);
    const hosts = await livekitClaims((await joined(meeting.code, host.token)).token);
    expect(hosts.video?.canPublishSources).toBeUndefined();
  });

  it('hands out TURN credentials when TURN is configured', async () => {
    const turn = {
      secret: 'turn-shared-secret-for-tests',
      urls: ['turn:127.0.0.1:3478?transport=udp'],
      ttlSeconds: 3600,
    };
    const app = h.variant({ turn });
    await app.ready();
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const me = await h.user();
    const res = await app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.code}/join`,
      headers: { authorization: `Bearer ${me.token}` },
      payload: {},
    });
    const [server] = res.json<Joined>().iceServers;
    expect(server?.urls).toEqual(turn.urls);
    const [expiry, user] = (server?.username ?? '').split(':');
    expect(user).toBe(me.actor.id);
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(3500);
    expect(server?.credential).toBe(
      createHmac('sha1', turn.secret)
        .update(server?.username ?? '')
        .digest('base64'),
    );
  });

  it('answers 403 for a missing or wrong passcode, and lets the host in without one', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, {
      passcode: 'blue-door',
      settings: { lobby: false },
    });
    const me = await h.user();
    expectProblem(await h.join(meeting.code, me.token), 403, 'passcode-required');
    expectProblem(
      await h.join(meeting.code, me.token, { passcode: 'red-door' }),
      403,
      'wrong-passcode',
    );
    expect((await joined(meeting.code, me.token, { passcode: 'blue-door' })).role).toBe(
      'participant',
    );
    expect((await joined(meeting.code, host.token)).role).toBe('host');
  });

  it('answers 410 for an ended meeting and 404 for an unknown code', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    await joined(meeting.code, host.token);
    expect((await h.call('POST', `/api/meetings/${meeting.code}/end`, host.token)).statusCode).toBe(
      200,
    );
    const me = await h.user();
    expectProblem(await h.join(meeting.code, me.token), 410, 'meeting-ended');
    expectProblem(await h.join(meeting.code, host.token), 410, 'meeting-ended');
    expectProblem(await h.join('qqq-qqqq-qqq', me.token), 404, 'meeting-not-found');
  });

  it('answers 409 when the meeting is full, without counting a re-join twice', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false, maxParticipants: 2 } });
    const first = await h.user();
    const second = await h.user();
    await joined(meeting.code, host.token);
    await joined(meeting.code, first.token);
    expectProblem(await h.join(meeting.code, second.token), 409, 'meeting-full');
    await joined(meeting.code, first.token);
  });

  it('gives the last seat to exactly one of several people joining at once', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false, maxParticipants: 2 } });
    await joined(meeting.code, host.token);
    const people = await Promise.all(Array.from({ length: 8 }, () => h.user()));
    // A slow insert widens the window between counting and committing, where a race would show.
    await sql`create or replace function slow_insert() returns trigger language plpgsql as $$ begin perform pg_sleep(0.05); return new; end $$`.execute(
      h.db,
    );
    await sql`create trigger slow_attendance before insert on meeting_attendance for each row execute function slow_insert()`.execute(
      h.db,
    );
    const results = await Promise.all(people.map((p) => h.join(meeting.code, p.token))).finally(
      () => sql`drop trigger slow_attendance on meeting_attendance`.execute(h.db),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(people.length - 1);
  });

  it('lets a guest with a pass for this meeting in as a guest', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const guest = await h.guest(meeting.code, 'Visitor');
    expect((await h.call('GET', `/api/meetings/${meeting.code}`, guest.token)).statusCode).toBe(
      200,
    );
    const result = await joined(meeting.code, guest.token);
    expect(result).toMatchObject({ role: 'guest', identity: guest.actor.id });
    const claims = await livekitClaims(result.token);
    expect(claims.video).toMatchObject({
      room: meeting.code,
      canPublish: true,
      canSubscribe: true,
    });
    expect(JSON.parse(claims.metadata ?? '')).toEqual({
      role: 'guest',
      userId: guest.actor.id,
      name: 'Visitor',
    });
  });

  it('keeps guests out when the meeting does not allow them (403)', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false, allowGuests: false } });
    const guest = await h.guest(meeting.code);
    expectProblem(await h.join(meeting.code, guest.token), 403, 'guests-not-allowed');
  });

  it('refuses a guest pass for another meeting (403), for joining and for reading', async () => {
    const host = await h.user();
    const mine = await h.create(host.token, { settings: { lobby: false } });
    const theirs = await h.create(host.token, { settings: { lobby: false } });
    const guest = await h.guest(theirs.code);
    expectProblem(await h.join(mine.code, guest.token), 403, 'wrong-meeting');
    expectProblem(
      await h.call('GET', `/api/meetings/${mine.code}`, guest.token),
      403,
      'wrong-meeting',
    );
    expectProblem(await h.call('GET', '/api/meetings', guest.token), 403);
  });
});
