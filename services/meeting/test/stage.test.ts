import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, liveMeeting, poll, startHarness, type Harness } from './harness.js';

describeBackends('spotlight and hands on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('spotlights someone for everyone, keeps it for a reload, and ends it', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const pat = people[0];
    if (!pat) throw new Error('one person');
    const stage = `/api/meetings/${meeting.code}/stage`;
    const rec = await h.record(meeting.code);

    const res = await h.act(meeting.code, host.token, 'spotlight', { identity: pat.actor.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ spotlight: pat.actor.id });
    await poll(() => rec.of('stage.spotlight')).toHaveLength(1);
    expect(rec.of('stage.spotlight')[0]).toEqual({
      audience: 'all',
      message: { type: 'stage.spotlight', identity: pat.actor.id, by: 'Hedy Host' },
    });
    // What a participant reads after a reload or a reconnect.
    expect((await h.call('GET', stage, pat.token)).json()).toEqual({ spotlight: pat.actor.id });

    expect((await h.act(meeting.code, host.token, 'spotlight', { identity: null })).json()).toEqual(
      { spotlight: null },
    );
    expect((await h.call('GET', stage, pat.token)).json()).toEqual({ spotlight: null });
    await rec.stop();
  });

  it('refuses a spotlight from a participant, on someone absent, and the stage to outsiders', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const pat = people[0];
    if (!pat) throw new Error('one person');
    const outsider = await h.user('Olive Outside');
    expectProblem(
      await h.act(meeting.code, pat.token, 'spotlight', { identity: pat.actor.id }),
      403,
      'not-host',
    );
    expectProblem(
      await h.act(meeting.code, host.token, 'spotlight', { identity: outsider.actor.id }),
      404,
      'participant-not-found',
    );
    expectProblem(await h.act(meeting.code, host.token, 'spotlight', {}), 400);
    expectProblem(
      await h.call('GET', `/api/meetings/${meeting.code}/stage`, outsider.token),
      403,
      'not-in-meeting',
    );
  });

  it('documents the stage and hand routes in OpenAPI', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json<{ paths: object }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/meetings/{code}/stage',
        '/api/meetings/{code}/spotlight',
        '/api/meetings/{code}/participants/{identity}/lower-hand',
        '/api/meetings/{code}/lower-hands',
      ]),
    );
  });

  it('lowers one hand or all hands (host or co-host) by telling signaling whose', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const pat = people[0];
    if (!pat) throw new Error('one person');
    const rec = await h.record(meeting.code);
    const one = await h.act(meeting.code, host.token, `participants/${pat.actor.id}/lower-hand`);
    expect(one.statusCode, one.body).toBe(204);
    expect((await h.act(meeting.code, host.token, 'lower-hands')).statusCode).toBe(204);
    await poll(() => rec.of('hands.lowered')).toHaveLength(2);
    expect(rec.of('hands.lowered').map((e) => e.message)).toEqual([
      { type: 'hands.lowered', who: [pat.actor.id], by: 'Hedy Host' },
      { type: 'hands.lowered', who: 'all', by: 'Hedy Host' },
    ]);
    expectProblem(await h.act(meeting.code, pat.token, 'lower-hands'), 403, 'not-host');
    const absent = await h.user();
    expectProblem(
      await h.act(meeting.code, host.token, `participants/${absent.actor.id}/lower-hand`),
      404,
      'participant-not-found',
    );
    await rec.stop();
  });
});
