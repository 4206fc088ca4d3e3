import { recurrenceRule } from '@gomeet/protocol';
import { describe, expect, it } from 'vitest';
import { isRuleStart, listOccurrences, nextRuleStart, rruleValue, type Series } from './series.js';

function series(rule: Record<string, unknown>, start: string, title = 'Sync'): Series {
  return {
    start: new Date(start),
    durationMinutes: 30,
    title,
    rule: recurrenceRule.parse(rule),
  };
}

const starts = (s: Series, from: string, limit = 5) =>
  listOccurrences(s, [], {
    from: new Date(from),
    to: new Date(Date.parse(from) + 60 * 86_400_000),
    limit,
  }).map((o) => o.startsAt);

describe('recurring series', () => {
  it('gives the Mondays and Wednesdays of a weekly Mon/Wed series, soonest first', () => {
    // Monday 2031-03-03 09:30 UTC.
    const weekly = series({ frequency: 'weekly', weekdays: ['MO', 'WE'] }, '2031-03-03T09:30:00Z');
    expect(starts(weekly, '2031-03-04T12:00:00Z')).toEqual([
      '2031-03-05T09:30:00.000Z',
      '2031-03-10T09:30:00.000Z',
      '2031-03-12T09:30:00.000Z',
      '2031-03-17T09:30:00.000Z',
      '2031-03-19T09:30:00.000Z',
    ]);
  });

  it('keeps the wall-clock hour across a daylight-saving change in its time zone', () => {
    // Berlin moves to summer time on 2031-03-30: 09:30 CET is 08:30Z, 09:30 CEST is 07:30Z.
    const weekly = series(
      { frequency: 'weekly', timeZone: 'Europe/Berlin' },
      '2031-03-24T08:30:00Z',
    );
    expect(starts(weekly, '2031-03-24T00:00:00Z', 2)).toEqual([
      '2031-03-24T08:30:00.000Z',
      '2031-03-31T07:30:00.000Z',
    ]);
    expect(rruleValue(weekly)).toBe('FREQ=WEEKLY;BYDAY=MO');
  });

  it('stops after count, and the next start after the last is none', () => {
    const daily = series({ frequency: 'daily', count: 3 }, '2031-03-03T09:30:00Z');
    expect(starts(daily, '2031-03-01T00:00:00Z')).toHaveLength(3);
    expect(nextRuleStart(daily, new Date('2031-03-04T10:00:00Z'))?.toISOString()).toBe(
      '2031-03-05T09:30:00.000Z',
    );
    expect(nextRuleStart(daily, new Date('2031-03-05T10:00:00Z'))).toBeNull();
  });

  it('repeats monthly on the start day, and knows which instants are occurrences', () => {
    const monthly = series({ frequency: 'monthly' }, '2031-01-15T17:00:00Z');
    expect(starts(monthly, '2031-02-01T00:00:00Z', 2)).toEqual([
      '2031-02-15T17:00:00.000Z',
      '2031-03-15T17:00:00.000Z',
    ]);
    expect(isRuleStart(monthly, new Date('2031-02-15T17:00:00Z'))).toBe(true);
    expect(isRuleStart(monthly, new Date('2031-02-16T17:00:00Z'))).toBe(false);
  });

  it('lists an occurrence still running at the window start, and applies its own changes', () => {
    const daily = series({ frequency: 'daily' }, '2031-03-03T09:30:00Z');
    const list = listOccurrences(
      daily,
      [
        {
          occursAt: new Date('2031-03-04T09:30:00Z'),
          title: 'Moved sync',
          startsAt: new Date('2031-03-04T14:00:00Z'),
          durationMinutes: null,
          cancelled: false,
        },
      ],
      { from: new Date('2031-03-03T09:45:00Z'), to: new Date('2031-03-05T23:00:00Z'), limit: 10 },
    );
    expect(list.map((o) => [o.startsAt, o.title, o.edited])).toEqual([
      ['2031-03-03T09:30:00.000Z', 'Sync', false],
      ['2031-03-04T14:00:00.000Z', 'Moved sync', true],
      ['2031-03-05T09:30:00.000Z', 'Sync', false],
    ]);
    expect(list[1]?.id).toBe('2031-03-04T09:30:00.000Z');
  });

  it('answers quickly about dates far beyond a daily series without an end', () => {
    const daily = series({ frequency: 'daily' }, '2031-03-03T09:30:00Z');
    const started = performance.now();
    expect(starts(daily, '9999-01-01T00:00:00Z')).toEqual([]);
    expect(isRuleStart(daily, new Date('9998-03-03T09:30:00Z'))).toBe(false);
    expect(nextRuleStart(daily, new Date('9998-03-03T09:30:00Z'))).toBeNull();
    // Generous for a loaded machine; walking to the year 9999 takes seconds.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
