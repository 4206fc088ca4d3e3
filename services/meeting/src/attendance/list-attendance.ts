import type { AttendanceReport } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost } from '../meetings/access.js';
import { listStays } from './repo.js';
import { summarizeAttendance } from './summarize-attendance.js';

/**
 * Who attended meeting `code`, when and for how long (host and co-hosts, also after the
 * meeting ended). Stays still open count up to the meeting's end, or now while it runs.
 */
export async function listAttendance({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<AttendanceReport> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'see who attended');
  const stays = await listStays(ctx.db, meeting.code);
  const until = meeting.ended_at ?? ctx.now();
  return {
    code: meeting.code,
    title: meeting.title,
    attendees: summarizeAttendance(stays, until),
  };
}
