import {
  breakoutRoomOf,
  breakoutsOpenAt,
  breakoutStore,
  type LiveKitEvent,
} from '@gomeet/platform';
import type { EventCtx } from '../deps.js';
import { normaliseMeetingCode } from '../meetings/meeting-code.js';

/** A LiveKit room name as ours: the meeting code, and the breakout room's number if any. */
function parseRoom(name: string): { code: string; room: number | null } | undefined {
  const [main = '', number, ...rest] = name.split('~');
  if (normaliseMeetingCode(main) !== main || rest.length > 0) return undefined;
  if (number === undefined) return { code: main, room: null };
  return /^[1-9]\d*$/.test(number) ? { code: main, room: Number(number) } : undefined;
}

/**
 * Moving between the main room and a breakout room is a leave from one LiveKit room and a join
 * of another, in any order. Attendance and the roster must see neither as leaving the meeting:
 * a leave counts only from the room the person belongs in now (their open breakout room, else
 * the main room); a join from any of the meeting's rooms counts as a join of the meeting. The
 * main room emptying while the rooms are open is not the meeting's end either. Returns the
 * event as the meeting's own (room = the code), or undefined to drop it.
 */
export async function routeBreakoutEvent(
  ctx: Pick<EventCtx, 'live' | 'now'>,
  event: LiveKitEvent,
): Promise<LiveKitEvent | undefined> {
  const parsed = event.room ? parseRoom(event.room) : undefined;
  if (!parsed) return event;
  const identity = event.participant?.identity;
  const leaving = event.event === 'participant_left' && identity !== undefined;
  const moving = event.event === 'participant_joined' || leaving;
  if (parsed.room === null && !leaving && event.event !== 'room_finished') return event;
  if (parsed.room !== null && !moving) return undefined;
  const state = await breakoutStore.read(ctx.live, parsed.code);
  const now = ctx.now();
  if (event.event === 'room_finished') return breakoutsOpenAt(state, now) ? undefined : event;
  if (leaving && breakoutRoomOf(state, identity, now) !== parsed.room) return undefined;
  return { ...event, room: parsed.code };
}
