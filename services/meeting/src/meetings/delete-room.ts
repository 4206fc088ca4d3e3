import type { Ctx } from '../deps.js';
import { isNotFound } from '../host/room-service.js';

/**
 * Closes the meeting's LiveKit room, disconnecting everyone in it. A room that does not exist
 * (nobody ever connected, or it already emptied) is fine; other failures are logged, not
 * thrown, because the meeting is already over in our records and clients leave on the event.
 */
export async function deleteRoom(ctx: Ctx, code: string): Promise<void> {
  const roomService = ctx.livekit.roomService;
  if (!roomService) return;
  try {
    await roomService.deleteRoom(code);
  } catch (error) {
    if (isNotFound(error)) return;
    ctx.log.warn({ err: error, meeting: code }, 'could not delete the LiveKit room');
  }
}
