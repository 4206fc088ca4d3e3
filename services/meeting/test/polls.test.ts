import type { PollList, PollView } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, liveMeeting, poll, startHarness, type Harness } from './harness.js';

describeBackends('polls on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const polls = (code: string) => `/api/meetings/${code}/polls`;
  const draft = async (code: string, token: string, body: object = {}) => {
    const res = await h.call('POST', polls(code), token, {
      question: 'Lunch?',
      options: ['Pizza', 'Salad', 'Soup'],
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PollView>();
  };
  const list = async (code: string, token: string) => {
    const res = await h.call('GET', polls(code), token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PollList>().polls;
  };

  it('runs a poll: draft seen by hosts only, launch, one vote each, live counts and names to hosts, close, share', async () => {
    const { host, meeting, people } = await liveMeeting(h, 2);
    const [ann, bob] = people;
    if (!ann || !bob) throw new Error('two people');
    const code = meeting.code;
    const rec = await h.record(code);
    const created = await draft(code, host.token);
    expect(created).toMatchObject({ state: 'draft', multiple: false, anonymous: false, voters: 0 });
    expect(await list(code, ann.token)).toEqual([]);
    expect((await list(code, host.token)).map((p) => p.id)).toEqual([created.id]);
    await poll(() => rec.of('poll.updated').map((e) => e.audience)).toEqual(['hosts']);

    const launch = await h.call('POST', `${polls(code)}/${created.id}/launch`, host.token);
    expect(launch.statusCode, launch.body).toBe(200);
    const vote = (token: string, choices: number[]) =>
      h.call('POST', `${polls(code)}/${created.id}/votes`, token, { choices });
    const first = await vote(ann.token, [1]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<PollView>()).toMatchObject({ myChoices: [1], voters: 1 });
    expectProblem(await vote(ann.token, [0]), 409, 'already-voted');
    expect((await vote(bob.token, [1])).statusCode).toBe(200);

    await poll(() => rec.of('poll.updated').at(-1)?.message).toMatchObject({
      poll: { voters: 2, options: [{ votes: 0 }, { votes: 2 }, { votes: 0 }] },
    });
    expect(rec.of('poll.updated').at(-1)?.audience).toBe('all');
    const ballots = rec.of('poll.ballot');
    expect(ballots.map((e) => e.audience)).toEqual(['hosts', 'hosts']);
    expect(ballots[0]?.message).toMatchObject({ ballot: { identity: ann.actor.id, choices: [1] } });

    const [seenByHost] = await list(code, host.token);
    expect(seenByHost?.ballots?.map((b) => b.name).sort()).toEqual(['Person 0', 'Person 1']);
    const [seenByAnn] = await list(code, ann.token);
    expect(seenByAnn).toMatchObject({ myChoices: [1], voters: 2 });
    expect(seenByAnn?.ballots).toBeUndefined();

    expectProblem(await h.call('POST', `${polls(code)}/${created.id}/share`, host.token), 409);
    expect(
      (await h.call('POST', `${polls(code)}/${created.id}/close`, host.token)).statusCode,
    ).toBe(200);
    const outsider = await h.user('Not In The Meeting');
    expectProblem(await vote(outsider.token, [0]), 403, 'not-in-meeting');
    const late = await h.user('Late Person');
    await h.join(code, late.token);
    expectProblem(await vote(late.token, [0]), 409, 'poll-not-open');
    const shared = await h.call('POST', `${polls(code)}/${created.id}/share`, host.token);
    expect(shared.json<PollView>()).toMatchObject({ state: 'closed', shared: true });
    await poll(() => rec.of('poll.updated').at(-1)?.message).toMatchObject({
      poll: { shared: true },
    });
    await rec.stop();
  });

  it('keeps an anonymous poll anonymous, even to its host', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const code = meeting.code;
    const created = await draft(code, host.token, { anonymous: true, multiple: true });
    await h.call('POST', `${polls(code)}/${created.id}/launch`, host.token);
    const rec = await h.record(code);
    const res = await h.call('POST', `${polls(code)}/${created.id}/votes`, people[0]?.token, {
      choices: [0, 2],
    });
    expect(res.statusCode, res.body).toBe(200);
    await poll(() => rec.of('poll.updated')).toHaveLength(1);
    await rec.settled();
    expect(rec.of('poll.ballot')).toEqual([]);
    const [seen] = await list(code, host.token);
    expect(seen?.ballots).toBeUndefined();
    expect(seen?.options.map((o) => o.votes)).toEqual([1, 0, 1]);
    await rec.stop();
  });

  it('refuses a poll from someone who does not run the meeting (403), and bad input naming the field (400)', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const code = meeting.code;
    expectProblem(
      await h.call('POST', polls(code), people[0]?.token, { question: 'Q', options: ['a', 'b'] }),
      403,
      'not-host',
    );
    const bad = await h.call('POST', polls(code), host.token, { question: 'Q', options: ['a'] });
    expectProblem(bad, 400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.options');
    const blank = await h.call('POST', polls(code), host.token, {
      question: ' ',
      options: ['a', 'b'],
    });
    expect(blank.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.question');
    const nul = await h.call('POST', polls(code), host.token, {
      question: 'Q',
      options: ['a', 'b\u0000'],
    });
    expectProblem(nul, 400);
    expect(nul.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.options.1');

    const single = await draft(code, host.token);
    await h.call('POST', `${polls(code)}/${single.id}/launch`, host.token);
    const two = await h.call('POST', `${polls(code)}/${single.id}/votes`, people[0]?.token, {
      choices: [0, 1],
    });
    expectProblem(two, 400);
    expect(two.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.choices');
    const outside = await h.call('POST', `${polls(code)}/${single.id}/votes`, people[0]?.token, {
      choices: [7],
    });
    expectProblem(outside, 400);
    expectProblem(
      await h.call('POST', `${polls(code)}/${crypto.randomUUID()}/launch`, host.token),
      404,
      'poll-not-found',
    );
    expectProblem(await h.call('POST', `${polls(code)}/not-a-uuid/launch`, host.token), 400);
  });

  it('exports results as CSV with quoting, after the meeting ended too', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1);
    const code = meeting.code;
    const created = await draft(code, host.token, {
      question: 'Best "tool", really?',
      options: ['=SUM(A1)', 'vim, of course'],
    });
    await h.call('POST', `${polls(code)}/${created.id}/launch`, host.token);
    await h.call('POST', `${polls(code)}/${created.id}/votes`, people[0]?.token, { choices: [1] });
    expect((await h.act(code, host.token, 'end')).statusCode).toBeLessThan(300);
    const csvUrl = `${polls(code)}/${created.id}/results.csv`;
    const res = await h.call('GET', csvUrl, host.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body).toBe(
      'question,answer,votes,voters\r\n' +
        '"Best ""tool"", really?",\'=SUM(A1),0,\r\n' +
        '"Best ""tool"", really?","vim, of course",1,Person 0\r\n',
    );
    expectProblem(await h.call('GET', csvUrl, people[0]?.token), 403, 'not-host');
  });
});

describeBackends('polls in OpenAPI on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('documents every poll route, the CSV export as text/csv', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    }>();
    const base = '/api/meetings/{code}/polls';
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        base,
        `${base}/{pollId}/launch`,
        `${base}/{pollId}/close`,
        `${base}/{pollId}/share`,
        `${base}/{pollId}/votes`,
        `${base}/{pollId}/results.csv`,
      ]),
    );
    const csv = doc.paths[`${base}/{pollId}/results.csv`]?.get?.responses['200']?.content;
    expect(Object.keys(csv ?? {})).toEqual(['text/csv']);
  });
});
