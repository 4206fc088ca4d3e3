import type { Meeting } from '@gomeet/protocol';
import { i18n } from '../i18n';

/** A meeting with no set length lasts an hour in the calendar (as in the server's .ics). */
const DEFAULT_MINUTES = 60;

function span(m: Meeting): { start: Date; end: Date } {
  const start = new Date(m.startsAt ?? m.createdAt);
  const minutes = m.durationMinutes ?? DEFAULT_MINUTES;
  return { start, end: new Date(start.getTime() + minutes * 60_000) };
}

/** The event's description, in the current language: the link, the code, a passcode notice. */
function details(m: Meeting): string {
  const ns = 'dashboard';
  const text = i18n.t('calendar.details', { ns, url: m.joinUrl, code: m.code });
  return m.hasPasscode ? `${text}\n${i18n.t('calendar.passcodeRequired', { ns })}` : text;
}

/** 20310304T093000Z, the form Google Calendar's `dates` takes. */
const basic = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A link that opens Google Calendar's new-event page filled in with the meeting. */
export function googleCalendarUrl(m: Meeting): string {
  const { start, end } = span(m);
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: m.title,
    dates: `${basic(start)}/${basic(end)}`,
    details: details(m),
    location: m.joinUrl,
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

/** A link that opens Outlook on the web's new-event page filled in with the meeting. */
export function outlookCalendarUrl(m: Meeting): string {
  const { start, end } = span(m);
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: m.title,
    startdt: start.toISOString(),
    enddt: end.toISOString(),
    body: details(m),
    location: m.joinUrl,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`;
}
