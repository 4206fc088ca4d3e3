import type { Meeting } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost, requireNotOver } from './access.js';
import { closeLiveMeeting } from './close-live-meeting.js';
import { myRoleIn, presentMeeting } from './present-meeting.js';
import { closeAttendance } from '../join/repo.js';
import { updateMeetingRow } from './repo.js';
import { stateAfterEnding } from '../recurrence/series-changes.js';

/**
 * Ends a meeting for everyone (host and co-hosts): state "ended", open stays closed, the
 * roster cleared, `meeting.ended` to every socket, and the LiveKit room deleted. Ending an ended
 * meeting again changes nothing.
 */
export async function endMeeting({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<Meeting> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'end this meeting');
  const role = myRoleIn(meeting, ctx.actor.id);
  if (meeting.state === 'ended') return presentMeeting(meeting, ctx.publicUrl, role);
  requireNotOver(meeting);
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    await closeAttendance(trx, meeting.code, now);
    // A series ends today's meeting only: the next occurrence can be joined as usual.
    const state = stateAfterEnding(meeting, now);
    return updateMeetingRow(trx, meeting.code, { state, ended_at: now, updated_at: now });
  });
  await ctx.meetings.forget(meeting.code);
  await closeLiveMeeting(ctx, meeting.code);
  return presentMeeting(row ?? meeting, ctx.publicUrl, role);
}
