import { breakoutRoomOf, breakoutStore, type LiveState } from '@gomeet/platform';
import { breakoutRoomName } from '@gomeet/protocol';

type Where = { live: LiveState; now: () => Date };

/**
 * The LiveKit room `identity` is connected to in meeting `code` now: their breakout room's while
 * the rooms are open and they are assigned to one, else the meeting's own. Host actions (mute,
 * remove, permissions) go there, or LiveKit answers "not found" for anyone in a breakout room.
 */
export async function liveKitRoomOf(ctx: Where, code: string, identity: string): Promise<string> {
  const room = breakoutRoomOf(await breakoutStore.read(ctx.live, code), identity, ctx.now());
  return room === null ? code : breakoutRoomName(code, room);
}

/**
 * Every LiveKit room `identity` may be connected to in meeting `code`: their breakout room's
 * (while open) and the main room, where a client still sits for a moment while it moves.
 */
export async function liveKitRoomsOf(ctx: Where, code: string, identity: string) {
  const current = await liveKitRoomOf(ctx, code, identity);
  return current === code ? [code] : [current, code];
}

/** The LiveKit room names of meeting `code`'s breakout rooms (open or not). */
export async function breakoutLiveKitRooms(live: LiveState, code: string): Promise<string[]> {
  const state = await breakoutStore.read(live, code);
  return (state?.rooms ?? []).map((r) => breakoutRoomName(code, r.number));
}
