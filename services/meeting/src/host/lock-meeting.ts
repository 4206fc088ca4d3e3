import { publishToMeeting } from '@gomeet/platform';
import type { LockBody } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { updateMeetingRow } from '../meetings/repo.js';
import { lockedKey } from '../roster/roster-store.js';

/**
 * Locks or unlocks a meeting (host and co-hosts). While locked, nobody new may join or enter
 * the lobby. Stored on the meeting (durable, read by joins) and as a live-state flag (read by
 * signaling for its welcome snapshots), then `meeting.locked` to everyone.
 */
export async function setMeetingLock({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; locked: boolean };
}): Promise<LockBody> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'lock the meeting');
  await updateMeetingRow(ctx.db, meeting.code, { locked: input.locked, updated_at: ctx.now() });
  await ctx.meetings.forget(meeting.code);
  if (input.locked) await ctx.live.set(lockedKey(meeting.code), '1');
  else await ctx.live.del(lockedKey(meeting.code));
  await publishToMeeting(ctx.bus, meeting.code, { type: 'meeting.locked', locked: input.locked });
  return { locked: input.locked };
}
