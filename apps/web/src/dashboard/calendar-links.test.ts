import type { Meeting } from '@gomeet/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, startI18n } from '../i18n';
import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links';

const meeting = {
  code: 'abc-defg-hij',
  title: 'Plan & review',
  startsAt: '2031-03-04T09:30:00.000Z',
  createdAt: '2031-01-01T00:00:00.000Z',
  durationMinutes: 45,
  hasPasscode: true,
  joinUrl: 'https://meet.example/m/abc-defg-hij',
} as Meeting;

describe('add-to-calendar links', () => {
  beforeAll(async () => {
    await startI18n('en');
  });

  it('fills Google Calendar with title, times, link and a passcode notice', () => {
    const q = new URL(googleCalendarUrl(meeting)).searchParams;
    expect(q.get('text')).toBe('Plan & review');
    expect(q.get('dates')).toBe('20310304T093000Z/20310304T101500Z');
    expect(q.get('details')).toContain('https://meet.example/m/abc-defg-hij');
    expect(q.get('details')).toContain('A passcode is required');
  });

  it('writes the event text in the current language', async () => {
    await i18n.changeLanguage('de');
    try {
      const details = new URL(googleCalendarUrl(meeting)).searchParams.get('details');
      expect(details).toContain('Besprechungscode: abc-defg-hij');
      expect(details).toContain('Kenncode');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('fills Outlook with ISO start and end, an hour when the meeting has no length', () => {
    const q = new URL(outlookCalendarUrl({ ...meeting, durationMinutes: null })).searchParams;
    expect(q.get('subject')).toBe('Plan & review');
    expect(q.get('startdt')).toBe('2031-03-04T09:30:00.000Z');
    expect(q.get('enddt')).toBe('2031-03-04T10:30:00.000Z');
  });
});
