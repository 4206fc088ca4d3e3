import { AppError } from '@gomeet/platform';
import {
  recurrenceRule,
  type Occurrence,
  type RecurrenceRule,
  type Weekday,
} from '@gomeet/protocol';
import rrulePackage, { type Options, type RRule as RRuleType } from 'rrule';
import { instantOf, wallClockOf } from './zoned-time.js';

// rrule ships CommonJS for Node: its classes come from the default export.
const { RRule } = rrulePackage;

/** What the occurrences of a series are computed from. */
export interface Series {
  start: Date;
  durationMinutes: number | null;
  title: string;
  rule: RecurrenceRule;
}

/** One occurrence changed on its own (a row of meeting_occurrences). */
export interface OccurrenceChange {
  occursAt: Date;
  title: string | null;
  startsAt: Date | null;
  durationMinutes: number | null;
  cancelled: boolean;
}

const FREQUENCIES = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY };
const WEEKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** Most occurrences computed for one listing (a daily series over a year is 366). */
const MAX_EXPANDED = 1000;
const DAY_MS = 86_400_000;

/** A stored rule (JSON text), or null when the meeting happens once or the text is unreadable. */
export function parseStoredRule(text: string | null): RecurrenceRule | null {
  if (!text) return null;
  try {
    const parsed = recurrenceRule.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The weekday (MO…SU) of `instant` in `timeZone`. */
export function weekdayOf(instant: Date, timeZone: string): Weekday {
  const day = wallClockOf(instant, timeZone).getUTCDay();
  return WEEKDAYS[(day + 6) % 7] ?? 'MO';
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION', `recurrence: ${message}`, {
    errors: [{ field: `body.recurrence${field}`, message }],
  });
}

/** Throws 400 unless `rule` can repeat from `start`: a start is needed, on one of its days. */
export function checkRule(rule: RecurrenceRule, start: Date | null): void {
  if (!start) throw invalid('', 'a repeating meeting needs startsAt');
  if (rule.weekdays && !rule.weekdays.includes(weekdayOf(start, rule.timeZone))) {
    throw invalid('.weekdays', 'the first meeting (startsAt) must fall on one of the chosen days');
  }
  if (rule.until && Date.parse(rule.until) < start.getTime()) {
    throw invalid('.until', 'until must not be before startsAt');
  }
}

/** The rrule of a series, in floating wall-clock time of its time zone. */
function rruleOf(series: Series): RRuleType {
  const { rule } = series;
  const options: Partial<Options> = {
    freq: FREQUENCIES[rule.frequency],
    interval: rule.interval,
    dtstart: wallClockOf(series.start, rule.timeZone),
  };
  if (rule.frequency === 'weekly') {
    const days = rule.weekdays ?? [weekdayOf(series.start, rule.timeZone)];
    options.byweekday = days.map((d) => WEEKDAYS.indexOf(d));
  }
  if (rule.count) options.count = rule.count;
  if (rule.until) options.until = wallClockOf(new Date(rule.until), rule.timeZone);
  return new RRule(options);
}

/**
 * How far past a series' first meeting occurrences are computed: rrule walks every occurrence
 * from the first, so a daily series asked about the year 9999 would keep a CPU busy for seconds.
 */
const HORIZON_MS = 50 * 366 * DAY_MS;

/** The starts the rule gives between `from` and `to` (both included), as instants. */
export function ruleStarts(series: Series, from: Date, to: Date): Date[] {
  const tz = series.rule.timeZone;
  const horizon = series.start.getTime() + HORIZON_MS;
  if (from.getTime() > horizon) return [];
  const until = new Date(Math.min(to.getTime(), horizon));
  return rruleOf(series)
    .between(wallClockOf(from, tz), wallClockOf(until, tz), true, (_, i) => i < MAX_EXPANDED)
    .map((wall) => instantOf(wall, tz));
}

/** True when the rule gives an occurrence starting exactly at `at`. */
export function isRuleStart(series: Series, at: Date): boolean {
  return ruleStarts(series, at, at).some((d) => d.getTime() === at.getTime());
}

/** The first start the rule gives after `at`, or null when the series is over. */
export function nextRuleStart(series: Series, at: Date): Date | null {
  if (at.getTime() > series.start.getTime() + HORIZON_MS) return null;
  const wall = rruleOf(series).after(wallClockOf(at, series.rule.timeZone), false);
  return wall ? instantOf(wall, series.rule.timeZone) : null;
}

/** One occurrence with its own changes applied. */
export function presentOccurrence(
  series: Series,
  occursAt: Date,
  change: OccurrenceChange | undefined,
): Occurrence {
  const title = change?.title ?? null;
  const startsAt = change?.startsAt ?? null;
  const durationMinutes = change?.durationMinutes ?? null;
  return {
    id: occursAt.toISOString(),
    title: title ?? series.title,
    startsAt: (startsAt ?? occursAt).toISOString(),
    durationMinutes: durationMinutes ?? series.durationMinutes,
    edited: title !== null || startsAt !== null || durationMinutes !== null,
    cancelled: change?.cancelled ?? false,
  };
}

const endOf = (o: Occurrence) => Date.parse(o.startsAt) + (o.durationMinutes ?? 60) * 60_000;

/**
 * The occurrences not yet over at `from` that start before `to`, soonest first, at most
 * `limit`: each as changed on its own, cancelled ones included (marked so).
 */
export function listOccurrences(
  series: Series,
  changes: OccurrenceChange[],
  window: { from: Date; to: Date; limit: number },
): Occurrence[] {
  const byStart = new Map(changes.map((c) => [c.occursAt.getTime(), c]));
  // A day earlier: an occurrence that began yesterday may still be running, or moved later.
  const starts = ruleStarts(series, new Date(window.from.getTime() - DAY_MS), window.to);
  return starts
    .map((at) => presentOccurrence(series, at, byStart.get(at.getTime())))
    .filter((o) => endOf(o) > window.from.getTime() && Date.parse(o.startsAt) < window.to.getTime())
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .slice(0, window.limit);
}

/** The RRULE value for an .ics (UNTIL in UTC, as RFC 5545 wants with a TZID start). */
export function rruleValue(series: Series): string {
  const { rule } = series;
  const parts = [`FREQ=${rule.frequency.toUpperCase()}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.frequency === 'weekly') {
    parts.push(`BYDAY=${(rule.weekdays ?? [weekdayOf(series.start, rule.timeZone)]).join(',')}`);
  }
  if (rule.count) parts.push(`COUNT=${rule.count}`);
  if (rule.until) {
    parts.push(`UNTIL=${new Date(rule.until).toISOString().replace(/[-:]|\.\d{3}/g, '')}`);
  }
  return parts.join(';');
}

/** "Every week on Monday and Wednesday", for mails and the dashboard. */
export function describeRule(series: Series): string {
  return rruleOf(series).toText();
}
