import { MEETING_CODE, type Meeting } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { PUBLIC_URL, expectProblem, startHarness, type Harness } from './harness.js';

describeBackends('managing meetings on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('creates a meeting with a readable code, a join link and the default settings', async () => {
    const { actor, token } = await h.user('Grace Hopper');
    const meeting = await h.create(token, { title: 'Design review' });
    expect(meeting.code).toMatch(MEETING_CODE);
    expect(meeting).toMatchObject({
      title: 'Design review',
      hostId: actor.id,
      hostName: 'Grace Hopper',
      state: 'scheduled',
      startsAt: null,
      hasPasscode: false,
      joinUrl: `${PUBLIC_URL}/m/${meeting.code}`,
      endedAt: null,
      myRole: 'host',
      settings: {
        lobby: true,
        muteOnEntry: false,
        allowScreenShare: true,
        allowGuests: true,
        maxParticipants: 500,
      },
    });
  });

  it('gives every meeting its own code', async () => {
    const { token } = await h.user();
    const codes = await Promise.all(
      Array.from({ length: 5 }, async () => (await h.create(token)).code),
    );
    expect(new Set(codes).size).toBe(5);
  });

  it('keeps a passcode only as a hash and never returns it', async () => {
    const { token } = await h.user();
    const res = await h.call('POST', '/api/meetings', token, {
      title: 'Board',
      passcode: 'open-sesame',
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('open-sesame');
    const meeting = res.json<Meeting>();
    expect(meeting.hasPasscode).toBe(true);
    const row = await h.db
      .selectFrom('meetings')
      .select('passcode_hash')
      .where('code', '=', meeting.code)
      .executeTakeFirstOrThrow();
    expect(row.passcode_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers 400 naming the field when maxParticipants is over 500', async () => {
    const { token } = await h.user();
    const res = await h.call('POST', '/api/meetings', token, {
      title: 'Huge',
      settings: { maxParticipants: 501 },
    });
    expectProblem(res, 400, 'validation');
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(
      'body.settings.maxParticipants',
    );
  });

  it('answers 400 naming the title when it is missing', async () => {
    const { token } = await h.user();
    const res = await h.call('POST', '/api/meetings', token, { settings: { lobby: false } });
    expectProblem(res, 400, 'validation');
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(
      'body.title',
    );
  });

  it('answers 400 naming the title when it holds a NUL character, which no database stores', async () => {
    const { token } = await h.user();
    const res = await h.call('POST', '/api/meetings', token, { title: 'Stand\u0000up' });
    expectProblem(res, 400, 'validation');
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'body.title',
    ]);
  });

  it('does not let guests create meetings', async () => {
    const { token } = await h.user();
    const meeting = await h.create(token);
    const guest = await h.guest(meeting.code);
    expectProblem(await h.call('POST', '/api/meetings', guest.token, { title: 'Mine now' }), 403);
  });

  it('answers 401 without a token, or with a bad one', async () => {
    expectProblem(await h.call('GET', '/api/meetings'), 401);
    expectProblem(await h.call('POST', '/api/meetings', undefined, { title: 'x' }), 401);
    expectProblem(await h.call('POST', '/api/meetings/abc-defg-hij/join', 'not-a-token', {}), 401);
  });

  it('shows anyone signed in who has the code the public view, and 404 for an unknown code', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { passcode: 'secret-1' });
    const other = await h.user();
    const res = await h.call('GET', `/api/meetings/${meeting.code.toUpperCase()}`, other.token);
    expect(res.statusCode).toBe(200);
    expect(res.json<Meeting>()).toMatchObject({
      code: meeting.code,
      hasPasscode: true,
      myRole: null,
    });
    expectProblem(
      await h.call('GET', '/api/meetings/zzz-zzzz-zzz', other.token),
      404,
      'meeting-not-found',
    );
    expectProblem(await h.call('GET', '/api/meetings/nonsense', other.token), 404);
  });

  it('lists my upcoming and past meetings, and not other people’s', async () => {
    const me = await h.user();
    const soon = await h.create(me.token, { title: 'Soon', startsAt: '2031-01-01T10:00:00Z' });
    const later = await h.create(me.token, { title: 'Later', startsAt: '2031-02-01T10:00:00Z' });
    const done = await h.create(me.token, { title: 'Done' });
    expect((await h.call('POST', `/api/meetings/${done.code}/end`, me.token)).statusCode).toBe(200);
    const stranger = await h.user();
    await h.create(stranger.token, { title: 'Not mine' });

    const res = await h.call('GET', '/api/meetings', me.token);
    expect(res.statusCode).toBe(200);
    const list = res.json<{ upcoming: Meeting[]; past: Meeting[] }>();
    expect(list.upcoming.map((m) => m.code)).toEqual([soon.code, later.code]);
    expect(list.past.map((m) => m.code)).toEqual([done.code]);
    expect(list.past[0]?.state).toBe('ended');
  });

  it('lists a meeting I attended, with my role in it', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const me = await h.user();
    expect(
      (await h.call('POST', `/api/meetings/${meeting.code}/join`, me.token, {})).statusCode,
    ).toBe(200);
    const list = (await h.call('GET', '/api/meetings', me.token)).json<{ upcoming: Meeting[] }>();
    expect(list.upcoming).toEqual([
      expect.objectContaining({ code: meeting.code, myRole: 'participant', state: 'live' }),
    ]);
  });

  it('lets the host change one setting and keeps the others', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, {
      settings: { lobby: false, allowGuests: false, maxParticipants: 10 },
    });
    const res = await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      title: 'Renamed',
      settings: { muteOnEntry: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Meeting>()).toMatchObject({
      title: 'Renamed',
      settings: {
        lobby: false,
        muteOnEntry: true,
        allowScreenShare: true,
        allowGuests: false,
        maxParticipants: 10,
      },
    });
    const again = (
      await h.call('GET', `/api/meetings/${meeting.code}`, host.token)
    ).json<Meeting>();
    expect(again.title).toBe('Renamed');
  });

  it('lets the host add and remove a passcode', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    const added = await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      passcode: 'letmein',
    });
    expect(added.json<Meeting>().hasPasscode).toBe(true);
    const removed = await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      passcode: null,
    });
    expect(removed.json<Meeting>().hasPasscode).toBe(false);
  });

  it('refuses changes, cancelling and ending by someone who is not the host (403)', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    const other = await h.user();
    expectProblem(
      await h.call('PATCH', `/api/meetings/${meeting.code}`, other.token, { title: 'Mine' }),
      403,
      'not-host',
    );
    expectProblem(
      await h.call('DELETE', `/api/meetings/${meeting.code}`, other.token),
      403,
      'not-host',
    );
    expectProblem(
      await h.call('POST', `/api/meetings/${meeting.code}/end`, other.token),
      403,
      'not-host',
    );
    const guest = await h.guest(meeting.code);
    expectProblem(
      await h.call('PATCH', `/api/meetings/${meeting.code}`, guest.token, { title: 'Mine' }),
      403,
    );
    expect(
      (await h.call('GET', `/api/meetings/${meeting.code}`, host.token)).json<Meeting>(),
    ).toMatchObject({ title: 'Weekly sync', state: 'scheduled' });
  });

  it('cancels a meeting for its host (204), after which nobody can join (410)', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    const res = await h.call('DELETE', `/api/meetings/${meeting.code}`, host.token);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(
      (await h.call('GET', `/api/meetings/${meeting.code}`, host.token)).json<Meeting>().state,
    ).toBe('cancelled');
    const other = await h.user();
    expectProblem(
      await h.call('POST', `/api/meetings/${meeting.code}/join`, other.token, {}),
      410,
      'meeting-ended',
    );
    expectProblem(
      await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, { title: 'Back' }),
      410,
      'meeting-ended',
    );
  });

  it('publishes the list of routes with their schemas in the OpenAPI document', async () => {
    const res = await h.call('GET', '/api/openapi.json');
    const doc = res.json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/meetings/',
        '/api/meetings/{code}',
        '/api/meetings/{code}/end',
        '/api/meetings/{code}/join',
      ]),
    );
    expect(doc.paths['/api/meetings/{code}/join']?.post?.tags).toEqual(['meetings']);
  });
});
