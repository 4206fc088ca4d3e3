import { publishToMeeting, roster } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { seats } from '../join/seats.js';
import { lockedKey } from '../roster/roster-store.js';
import { deleteRoom } from './delete-room.js';

/**
 * After a meeting ended or was cancelled: clears its live roster and lock flag (so no socket or
 * chat post is authorised any more), tells every socket `meeting.ended` (signaling closes them)
 * and deletes the LiveKit room.
 */
export async function closeLiveMeeting(ctx: Ctx, code: string): Promise<void> {
  await roster.clear(ctx.live, code);
  await seats.clear(ctx.live, code);
  await ctx.live.del(lockedKey(code));
  await publishToMeeting(ctx.bus, code, { type: 'meeting.ended' });
  await deleteRoom(ctx, code);
}
