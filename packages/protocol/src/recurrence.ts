import { z } from 'zod';
import { storableText } from './text.js';

/** Days of the week as iCalendar spells them (RFC 5545 BYDAY). */
export const weekday = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
export type Weekday = z.infer<typeof weekday>;

/** Most occurrences a series may have when it ends by count. */
export const MAX_OCCURRENCES = 500;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const instant = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time' });

/**
 * How a meeting repeats: every `interval` days, weeks (on `weekdays`) or months (on the start's
 * day of the month), in `timeZone` (so 09:30 stays 09:30 across daylight-saving changes), until a
 * date or for `count` occurrences, or with no end.
 */
export const recurrenceRule = z
  .object({
    frequency: z.enum(['daily', 'weekly', 'monthly']),
    interval: z.number().int().min(1).max(99).default(1),
    weekdays: z
      .array(weekday)
      .min(1, 'choose at least one day')
      .max(7)
      .optional()
      .describe("Weekly only: the days it happens on; absent: the start's day"),
    until: instant.optional().describe('The last occurrence starts no later than this'),
    count: z.number().int().min(1).max(MAX_OCCURRENCES).optional(),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'expected an IANA time zone like Europe/Berlin')
      .default('UTC')
      .describe('The IANA time zone the times repeat in'),
  })
  .refine((r) => !(r.until && r.count), {
    message: 'give until or count, not both',
    path: ['count'],
  })
  .refine((r) => r.frequency === 'weekly' || !r.weekdays, {
    message: 'weekdays are for weekly meetings only',
    path: ['weekdays'],
  });
export type RecurrenceRule = z.infer<typeof recurrenceRule>;

/** One occurrence of a recurring meeting, with its own changes applied. */
export const occurrence = z.object({
  /** The occurrence's place in the series: its start as the rule gives it (ISO 8601, UTC). */
  id: z.string(),
  startsAt: z.string(),
  durationMinutes: z.number().nullable(),
  title: z.string(),
  /** True when this occurrence alone was changed (time, length or title). */
  edited: z.boolean(),
  cancelled: z.boolean(),
});
export type Occurrence = z.infer<typeof occurrence>;

export const occurrenceList = z.object({ occurrences: z.array(occurrence) });
export type OccurrenceList = z.infer<typeof occurrenceList>;

/** Changes to one occurrence; `null` puts a field back to the series' value. */
export const updateOccurrenceBody = z.object({
  title: storableText(200, 'title is required').nullable().optional(),
  startsAt: instant.nullable().optional(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .optional(),
  cancelled: z.boolean().optional(),
});
export type UpdateOccurrenceBody = z.infer<typeof updateOccurrenceBody>;

/** Most addresses one invitation request may name. */
export const MAX_INVITEES = 50;

/** Invite people by email: each address gets the join link and the .ics. */
export const emailInvitationBody = z.object({
  emails: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email({ message: 'expected an email address' }).max(254)),
    )
    .min(1, 'give at least one address')
    .max(MAX_INVITEES, `at most ${MAX_INVITEES} addresses at once`),
  /** A note from the host, put at the top of the mail. */
  message: z
    .string()
    .max(1000)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .optional(),
  /**
   * The meeting's passcode, when the host wants it in the mail; it must match. Left out, the mail
   * says a passcode is needed and to ask the host.
   */
  passcode: z.string().max(64).optional(),
});
export type EmailInvitationBody = z.infer<typeof emailInvitationBody>;

export const emailInvitationResult = z.object({
  sent: z.array(z.string()),
  /** Whether the mail carried the passcode. */
  includesPasscode: z.boolean(),
});
export type EmailInvitationResult = z.infer<typeof emailInvitationResult>;
