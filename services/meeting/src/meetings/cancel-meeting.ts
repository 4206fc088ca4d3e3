import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost, requireNotOver } from './access.js';
import { closeLiveMeeting } from './close-live-meeting.js';
import { closeAttendance } from '../join/repo.js';
import { updateMeetingRow } from './repo.js';

/**
 * Cancels a meeting (host only): state "cancelled", nobody can join any more. Cancelling a
 * live meeting also ends it for those in it. Cancelling twice is a no-op; an ended meeting
 * cannot be cancelled (410).
 */
export async function cancelMeeting({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<void> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'cancel this meeting', false);
  if (meeting.state === 'cancelled') return;
  requireNotOver(meeting);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await closeAttendance(trx, meeting.code, now);
    await updateMeetingRow(trx, meeting.code, { state: 'cancelled', updated_at: now });
  });
  await ctx.meetings.forget(meeting.code);
  // Anyone in it, or waiting in its lobby, is sent away as if it had ended.
  await closeLiveMeeting(ctx, meeting.code);
}
