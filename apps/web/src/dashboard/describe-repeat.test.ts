import type { Occurrence, RecurrenceRule } from '@gomeet/protocol';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n, startI18n } from '../i18n';
import { occurrenceWhen } from './occurrences';
import { describeRepeat } from './RepeatFields';

// occurrences.ts loads the meeting API, whose session store needs a browser window.
vi.mock('../api/http', () => ({ api: vi.fn() }));

const weekly: RecurrenceRule = {
  frequency: 'weekly',
  interval: 1,
  weekdays: ['MO', 'WE'],
  count: 10,
  timeZone: 'UTC',
};

describe('a repeat rule and an occurrence in words', () => {
  beforeAll(async () => {
    await startI18n('en');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says the rule in English as before, weekday names from Intl', () => {
    expect(describeRepeat(weekly)).toBe('Weekly on Mon, Wed, 10 times');
    expect(describeRepeat({ ...weekly, weekdays: undefined, count: undefined })).toBe('Weekly');
    expect(describeRepeat({ frequency: 'daily', interval: 1, count: 3, timeZone: 'UTC' })).toBe(
      'Daily, 3 times',
    );
    expect(describeRepeat({ frequency: 'monthly', interval: 1, timeZone: 'UTC' })).toBe('Monthly');
  });

  it('says it in German and Spanish', async () => {
    await i18n.changeLanguage('de');
    expect(describeRepeat(weekly)).toMatch(/^Wöchentlich am Mo\.?, Mi\.?, 10-mal$/);
    await i18n.changeLanguage('es');
    expect(describeRepeat({ ...weekly, count: 1 })).toMatch(
      /^Cada semana los lun\.? y mié\.?, 1 vez$/,
    );
  });

  it('gives an occurrence its length in the language', async () => {
    const o = { startsAt: '2031-03-03T08:30:00Z', durationMinutes: 60 } as Occurrence;
    expect(occurrenceWhen(o)).toMatch(/ · 60 min$/);
    await i18n.changeLanguage('de');
    expect(occurrenceWhen(o)).toMatch(/ · 60 Min\.$/);
  });
});
