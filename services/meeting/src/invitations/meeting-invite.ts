import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost } from '../meetings/access.js';
import { presentMeeting } from '../meetings/present-meeting.js';
import type { MeetingForUser } from '../meetings/repo.js';
import { listOccurrenceChanges, seriesOf } from '../recurrence/repo.js';
import { calendarText, type InviteSource } from './calendar-event.js';

/** What an invitation is made from: the meeting, and its series with one-off changes. */
export async function inviteSourceOf(ctx: Ctx, row: MeetingForUser): Promise<InviteSource> {
  const meeting = presentMeeting(row, ctx.publicUrl, null);
  const series = seriesOf(row);
  return {
    meeting,
    start: row.starts_at ?? row.created_at,
    minutes: row.duration_minutes,
    series: series ? { series, changes: await listOccurrenceChanges(ctx.db, row.code) } : undefined,
  };
}

/**
 * Meeting `code` as an iCalendar invitation (host and co-hosts): title, start, length and the
 * join link, and for a series its rule, cancelled and changed occurrences. Only a hash of a
 * passcode is stored, so the invite says one is needed, never it.
 */
export async function meetingInvite({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<{ filename: string; ics: string }> {
  const row = await loadMeeting(ctx, input.code);
  requireHost(row, ctx.actor, 'send invitations');
  const source = await inviteSourceOf(ctx, row);
  return { filename: `${row.code}.ics`, ics: calendarText(source) };
}
