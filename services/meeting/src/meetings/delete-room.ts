import { breakoutStore } from '@gomeet/platform';
import { breakoutLiveKitRooms } from '../breakouts/livekit-rooms.js';
import type { Ctx } from '../deps.js';
import { isNotFound } from '../host/room-service.js';

/**
 * Closes the meeting's LiveKit room and its breakout rooms', disconnecting everyone in them, and
 * forgets the breakout plan. A room that does not exist (nobody ever connected, or it already
 * emptied) is fine; other failures are logged, not thrown, because the meeting is already over
 * in our records and clients leave on the event.
 */
export async function deleteRoom(ctx: Ctx, code: string): Promise<void> {
  const breakouts = await breakoutLiveKitRooms(ctx.live, code);
  await breakoutStore.clear(ctx.live, code);
  const roomService = ctx.livekit.roomService;
  if (!roomService) return;
  for (const room of [code, ...breakouts]) {
    try {
      await roomService.deleteRoom(room);
    } catch (error) {
      if (isNotFound(error)) continue;
      ctx.log.warn({ err: error, meeting: code, room }, 'could not delete the LiveKit room');
    }
  }
}
