import type { Meeting, Occurrence } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, PUBLIC_URL, startHarness, type Harness } from './harness.js';

/** Monday 3 March 2031, 09:30 UTC: the first meeting of the weekly series. */
const FIRST = '2031-03-03T09:30:00.000Z';
const weeklyMonWed = {
  title: 'Team sync',
  startsAt: FIRST,
  durationMinutes: 30,
  recurrence: { frequency: 'weekly', weekdays: ['MO', 'WE'] },
  settings: { lobby: false },
};

describeBackends('recurring meetings on $name', (backend) => {
  let h: Harness;
  // A fixed clock: Tuesday 4 March 2031, noon UTC, moved by the tests that need it.
  let clock = new Date('2031-03-04T12:00:00.000Z');
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'), { now: () => clock });
  });
  afterAll(() => h?.close());

  async function occurrences(
    code: string,
    token: string,
    query = 'limit=4',
  ): Promise<Occurrence[]> {
    const res = await h.call('GET', `/api/meetings/${code}/occurrences?${query}`, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ occurrences: Occurrence[] }>().occurrences;
  }

  it('lists the next Mondays and Wednesdays of a weekly series, all with the same link', async () => {
    clock = new Date('2031-03-04T12:00:00.000Z');
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, weeklyMonWed);
    expect(meeting.recurrence).toEqual({
      frequency: 'weekly',
      interval: 1,
      weekdays: ['MO', 'WE'],
      timeZone: 'UTC',
    });
    expect(meeting.joinUrl).toBe(`${PUBLIC_URL}/m/${meeting.code}`);
    const next = await occurrences(meeting.code, host.token);
    expect(next.map((o) => o.startsAt)).toEqual([
      '2031-03-05T09:30:00.000Z',
      '2031-03-10T09:30:00.000Z',
      '2031-03-12T09:30:00.000Z',
      '2031-03-17T09:30:00.000Z',
    ]);
    expect(next.every((o) => o.title === 'Team sync' && o.durationMinutes === 30)).toBe(true);
  });

  it('changes one occurrence only, and the series for the occurrences not changed on their own', async () => {
    clock = new Date('2031-03-04T12:00:00.000Z');
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, weeklyMonWed);
    const monday = '2031-03-10T09:30:00.000Z';
    const moved = await h.call(
      'PATCH',
      `/api/meetings/${meeting.code}/occurrences/${monday}`,
      host.token,
      {
        title: 'Team sync (planning)',
        startsAt: '2031-03-10T14:00:00.000Z',
      },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    let next = await occurrences(meeting.code, host.token);
    expect(next.map((o) => [o.startsAt, o.title, o.edited])).toEqual([
      ['2031-03-05T09:30:00.000Z', 'Team sync', false],
      ['2031-03-10T14:00:00.000Z', 'Team sync (planning)', true],
      ['2031-03-12T09:30:00.000Z', 'Team sync', false],
      ['2031-03-17T09:30:00.000Z', 'Team sync', false],
    ]);

    const series = await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
      title: 'Core team sync',
      durationMinutes: 45,
    });
    expect(series.statusCode, series.body).toBe(200);
    next = await occurrences(meeting.code, host.token);
    expect(next.map((o) => [o.startsAt, o.title, o.durationMinutes])).toEqual([
      ['2031-03-05T09:30:00.000Z', 'Core team sync', 45],
      ['2031-03-10T14:00:00.000Z', 'Team sync (planning)', 45],
      ['2031-03-12T09:30:00.000Z', 'Core team sync', 45],
      ['2031-03-17T09:30:00.000Z', 'Core team sync', 45],
    ]);
    // The code, and so the link, never changes.
    const again = await h.call('GET', `/api/meetings/${meeting.code}`, host.token);
    expect(again.json<Meeting>().joinUrl).toBe(meeting.joinUrl);
  });

  it('cancels one occurrence and writes the series into the .ics with RRULE, EXDATE and the changed one', async () => {
    clock = new Date('2031-03-04T12:00:00.000Z');
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, weeklyMonWed);
    const wednesday = '2031-03-05T09:30:00.000Z';
    const cancel = await h.call(
      'PATCH',
      `/api/meetings/${meeting.code}/occurrences/${wednesday}`,
      host.token,
      {
        cancelled: true,
      },
    );
    expect(cancel.json<Occurrence>().cancelled).toBe(true);
    await h.call(
      'PATCH',
      `/api/meetings/${meeting.code}/occurrences/2031-03-10T09:30:00.000Z`,
      host.token,
      {
        durationMinutes: 90,
      },
    );
    const [first] = await occurrences(meeting.code, host.token);
    expect(first).toMatchObject({ startsAt: wednesday, cancelled: true });

    const ics = (await h.call('GET', `/api/meetings/${meeting.code}/invite.ics`, host.token)).body;
    expect(ics).toContain('DTSTART:20310303T093000Z\r\n');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n');
    expect(ics).toContain('EXDATE:20310305T093000Z\r\n');
    expect(ics).toContain('RECURRENCE-ID:20310310T093000Z\r\n');
    expect(ics).toContain('DTEND:20310310T110000Z\r\n');
  });

  it('writes a series in a time zone as wall-clock times with its TZID', async () => {
    clock = new Date('2031-03-04T12:00:00.000Z');
    const host = await h.user('Hedy Host');
    // 09:30 in Berlin (CET, UTC+1) on Monday 3 March.
    const meeting = await h.create(host.token, {
      ...weeklyMonWed,
      startsAt: '2031-03-03T08:30:00.000Z',
      recurrence: { frequency: 'weekly', weekdays: ['MO'], timeZone: 'Europe/Berlin', count: 6 },
    });
    const ics = (await h.call('GET', `/api/meetings/${meeting.code}/invite.ics`, host.token)).body;
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20310303T093000\r\n');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6\r\n');
    // After the change to summer time on 30 March, 09:30 in Berlin is 07:30 UTC.
    const next = await occurrences(meeting.code, host.token, 'from=2031-03-25T00:00:00Z&limit=2');
    expect(next.map((o) => o.startsAt)).toEqual([
      '2031-03-31T07:30:00.000Z',
      '2031-04-07T07:30:00.000Z',
    ]);
  });

  it('ending one occurrence leaves the series joinable for the next; ending the last ends it', async () => {
    const host = await h.user('Hedy Host');
    const ann = await h.user('Ann');
    const meeting = await h.create(host.token, {
      ...weeklyMonWed,
      recurrence: { frequency: 'weekly', weekdays: ['MO', 'WE'], count: 2 },
    });
    clock = new Date('2031-03-03T09:35:00.000Z');
    expect((await h.join(meeting.code, ann.token)).statusCode).toBe(200);
    const ended = await h.act(meeting.code, host.token, 'end');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<Meeting>().state).toBe('scheduled');

    clock = new Date('2031-03-05T09:31:00.000Z');
    const joined = await h.join(meeting.code, ann.token);
    expect(joined.statusCode, joined.body).toBe(200);
    expect((await h.act(meeting.code, host.token, 'end')).json<Meeting>().state).toBe('ended');
    expectProblem(await h.join(meeting.code, ann.token), 410, 'meeting-ended');
  });

  it('refuses bad rules, unknown occurrences and changes by others with clear answers', async () => {
    clock = new Date('2031-03-04T12:00:00.000Z');
    const host = await h.user('Hedy Host');
    const post = (body: object) =>
      h.call('POST', '/api/meetings', host.token, { title: 'x', ...body });
    expectProblem(await post({ recurrence: { frequency: 'daily' } }), 400);
    // 3 March 2031 is a Monday, not a Tuesday.
    expectProblem(
      await post({ startsAt: FIRST, recurrence: { frequency: 'weekly', weekdays: ['TU'] } }),
      400,
    );
    expectProblem(
      await post({
        startsAt: FIRST,
        recurrence: { frequency: 'daily', count: 3, until: '2031-04-01T00:00:00Z' },
      }),
      400,
    );
    expectProblem(
      await post({ startsAt: FIRST, recurrence: { frequency: 'daily', timeZone: 'Mars/Olympus' } }),
      400,
    );
    expectProblem(await post({ startsAt: FIRST, recurrence: { frequency: 'yearly' } }), 400);

    const meeting = await h.create(host.token, weeklyMonWed);
    const tuesday = `/api/meetings/${meeting.code}/occurrences/2031-03-11T09:30:00.000Z`;
    expectProblem(
      await h.call('PATCH', tuesday, host.token, { title: 'No' }),
      404,
      'occurrence-not-found',
    );
    expectProblem(
      await h.call('PATCH', `/api/meetings/${meeting.code}/occurrences/soon`, host.token, {}),
      404,
    );
    const ann = await h.user('Ann');
    const wednesday = `/api/meetings/${meeting.code}/occurrences/2031-03-05T09:30:00.000Z`;
    expectProblem(
      await h.call('PATCH', wednesday, ann.token, { cancelled: true }),
      403,
      'not-host',
    );
    const once = await h.create(host.token, { startsAt: FIRST });
    expectProblem(
      await h.call('PATCH', `/api/meetings/${once.code}/occurrences/${FIRST}`, host.token, {
        title: 'x',
      }),
      409,
      'not-recurring',
    );
  });

  it('publishes the occurrence routes in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>();
    expect(doc.paths['/api/meetings/{code}/occurrences']?.get?.tags).toEqual(['meetings']);
    expect(doc.paths['/api/meetings/{code}/occurrences/{id}']?.patch?.tags).toEqual(['meetings']);
  });
});
