import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, PUBLIC_URL, startHarness, type Harness } from './harness.js';

/** The unfolded `NAME:value` lines of the one VEVENT in an iCalendar text (RFC 5545 §3.1). */
function eventFields(ics: string): Map<string, string> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const event = lines.slice(lines.indexOf('BEGIN:VEVENT') + 1, lines.indexOf('END:VEVENT'));
  return new Map(
    event.map((l) => {
      const colon = l.indexOf(':');
      return [l.slice(0, colon).split(';')[0] ?? '', l.slice(colon + 1)];
    }),
  );
}

describeBackends('invitations on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('gives the host an .ics with title, start, length and join link, saying a passcode is needed without it', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, {
      title: 'Quarterly plan',
      startsAt: '2031-03-04T09:30:00.000Z',
      durationMinutes: 45,
      passcode: 'sesame-4711',
    });
    const res = await h.call('GET', `/api/meetings/${meeting.code}/invite.ics`, host.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const event = eventFields(res.body);
    expect(event.get('SUMMARY')).toBe('Quarterly plan');
    expect(event.get('DTSTART')).toBe('20310304T093000Z');
    expect(event.get('DTEND')).toBe('20310304T101500Z');
    expect(event.get('URL')).toBe(`${PUBLIC_URL}/m/${meeting.code}`);
    expect(event.get('DESCRIPTION')).toContain('A passcode is required');
    expect(res.body).not.toContain('sesame-4711');
  });

  it('refuses the .ics to participants and strangers', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const ann = await h.user('Ann');
    expect((await h.join(meeting.code, ann.token)).statusCode).toBe(200);
    const stranger = await h.user('Stranger');
    for (const token of [ann.token, stranger.token]) {
      expectProblem(await h.call('GET', `/api/meetings/${meeting.code}/invite.ics`, token), 403);
    }
  });
});
