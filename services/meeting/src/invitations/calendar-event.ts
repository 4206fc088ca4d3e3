import ical, { type ICalCalendar } from 'ical-generator';
import type { Meeting } from '@gomeet/protocol';
import type { OccurrenceChange, Series } from '../recurrence/series.js';
import { rruleValue } from '../recurrence/series.js';
import { wallClockOf } from '../recurrence/zoned-time.js';

/** A meeting with no set length lasts an hour in the calendar. */
const DEFAULT_MINUTES = 60;

/** What an invitation's calendar is made from. */
export interface InviteSource {
  meeting: Meeting;
  start: Date;
  minutes: number | null;
  /** How the meeting repeats, and its occurrences changed one by one; absent: it happens once. */
  series?: { series: Series; changes: OccurrenceChange[] } | undefined;
}

/** The text of the event's description: join link, code, and what to know about a passcode. */
export function inviteDescription(meeting: Meeting): string {
  const passcode = meeting.hasPasscode
    ? 'A passcode is required: ask the host for it.'
    : 'No passcode is needed.';
  return `Join: ${meeting.joinUrl}\nMeeting code: ${meeting.code}\n${passcode}`;
}

/**
 * The meeting as an iCalendar text: one VEVENT (with RRULE and EXDATE for a series, and one more
 * VEVENT with RECURRENCE-ID per occurrence changed on its own). A series' times are written as
 * wall-clock times with the rule's TZID, so "09:30 every Monday" stays 09:30 after a DST change.
 */
export function calendarText(source: InviteSource): string {
  const { meeting } = source;
  const calendar = ical({ prodId: { company: 'GoMeet', product: 'GoMeet' }, name: meeting.title });
  const base = {
    id: `${meeting.code}@gomeet`,
    summary: meeting.title,
    description: inviteDescription(meeting),
    location: meeting.joinUrl,
    url: meeting.joinUrl,
  };
  const length = (minutes: number | null) => (minutes ?? DEFAULT_MINUTES) * 60_000;
  if (!source.series) {
    calendar.createEvent({
      ...base,
      start: source.start,
      end: new Date(source.start.getTime() + length(source.minutes)),
    });
    return calendar.toString();
  }
  const { series, changes } = source.series;
  const tz = series.rule.timeZone;
  const local = (d: Date) => (tz === 'UTC' ? d : wallClockOf(d, tz));
  const floating = tz !== 'UTC';
  const cancelled = changes.filter((c) => c.cancelled).map((c) => local(c.occursAt));
  calendar.createEvent({
    ...base,
    floating,
    start: local(series.start),
    end: new Date(local(series.start).getTime() + length(series.durationMinutes)),
    repeating: `RRULE:${rruleValue(series)}`,
  });
  for (const change of changes.filter((c) => !c.cancelled)) {
    const start = change.startsAt ?? change.occursAt;
    calendar.createEvent({
      ...base,
      floating,
      summary: change.title ?? series.title,
      recurrenceId: local(change.occursAt),
      start: local(start),
      end: new Date(
        local(start).getTime() + length(change.durationMinutes ?? series.durationMinutes),
      ),
    });
  }
  return withTimeZone(calendar, cancelled, floating ? tz : null);
}

/** RFC 5545 folds lines at 75 octets; for the ASCII lines written here, 74 characters. */
function fold(line: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < line.length; i += 74) chunks.push(line.slice(i, i + 74));
  return chunks.join('\r\n ');
}

/**
 * Adds the series' time zone to its floating times (ical-generator writes a Date with a TZID in
 * the server's own zone) and its cancelled occurrences as EXDATE. The lines touched are short
 * and never folded; the EXDATE line is folded here.
 */
function withTimeZone(calendar: ICalCalendar, cancelled: Date[], tz: string | null): string {
  const stamp = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]|\.\d{3}/g, '')
      .replace(/Z$/, tz ? '' : 'Z');
  const zoned = tz ? `;TZID=${tz}` : '';
  const lines = calendar
    .toString()
    .split('\r\n')
    .flatMap((line) => {
      const m = /^(DTSTART|DTEND|RECURRENCE-ID):(\d{8}T\d{6})$/.exec(line);
      if (m) return [`${m[1]}${zoned}:${m[2]}`];
      if (line.startsWith('RRULE:') && cancelled.length > 0)
        return [line, fold(`EXDATE${zoned}:${cancelled.map(stamp).join(',')}`)];
      return [line];
    });
  return lines.join('\r\n');
}
