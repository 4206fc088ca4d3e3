import ical from 'ical-generator';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost } from '../meetings/access.js';
import { presentMeeting } from '../meetings/present-meeting.js';

/** A meeting with no set length lasts an hour in the calendar. */
const DEFAULT_MINUTES = 60;

/**
 * Meeting `code` as an iCalendar invitation (host and co-hosts): title, start, length and the
 * join link. Only a hash of a passcode is stored, so the invite says one is needed, never it.
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
  const meeting = presentMeeting(row, ctx.publicUrl, null);
  const start = row.starts_at ?? row.created_at;
  const minutes = row.duration_minutes ?? DEFAULT_MINUTES;
  const passcode = meeting.hasPasscode
    ? 'A passcode is required: ask the host for it.'
    : 'No passcode is needed.';
  const calendar = ical({ prodId: { company: 'GoMeet', product: 'GoMeet' }, name: meeting.title });
  calendar.createEvent({
    id: `${meeting.code}@gomeet`,
    start,
    end: new Date(start.getTime() + minutes * 60_000),
    summary: meeting.title,
    description: `Join: ${meeting.joinUrl}\nMeeting code: ${meeting.code}\n${passcode}`,
    location: meeting.joinUrl,
    url: meeting.joinUrl,
  });
  return { filename: `${meeting.code}.ics`, ics: calendar.toString() };
}
