import {
  AppError,
  breakoutsOpenAt,
  breakoutStore,
  publishToMeeting,
  roster,
  type StoredBreakouts,
} from '@gomeet/platform';
import type { BreakoutState, BreakoutView } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { isHostRole, loadMeeting, loadMeetingToModerate, roleOf } from '../meetings/access.js';
import { isMember } from '../roster/roster-store.js';

/** No rooms yet. */
export const NO_BREAKOUTS: StoredBreakouts = {
  rooms: [],
  assignments: {},
  open: false,
  endsAt: null,
  help: [],
};

/** The stored state as it stands at `now`: rooms whose timer ran out are closed. */
export function currentState(stored: StoredBreakouts | undefined, now: Date): StoredBreakouts {
  const state = stored ?? NO_BREAKOUTS;
  if (state.open && !breakoutsOpenAt(state, now)) return { ...NO_BREAKOUTS, rooms: state.rooms };
  return state;
}

/** What everyone may see: the rooms, who goes where, open and until when (not help requests). */
export function publicState(state: StoredBreakouts): BreakoutState {
  const { rooms, assignments, open, endsAt } = state;
  return { rooms, assignments, open, endsAt };
}

/** The state as the caller reads it; hosts and co-hosts also get the help requests. */
export function viewFor(state: StoredBreakouts, host: boolean): BreakoutView {
  return host ? { ...publicState(state), help: state.help } : publicState(state);
}

/** Reads meeting `code`'s breakout rooms as they stand now. */
export async function readBreakouts(ctx: Pick<Ctx, 'live' | 'now'>, code: string) {
  return currentState(await breakoutStore.read(ctx.live, code), ctx.now());
}

/** Stores the new state and tells everyone in the meeting (`breakouts.updated`). */
export async function saveBreakouts(ctx: Ctx, code: string, state: StoredBreakouts) {
  await breakoutStore.write(ctx.live, code, state);
  await publishToMeeting(ctx.bus, code, { type: 'breakouts.updated', state: publicState(state) });
  return state;
}

/** For hosts and co-hosts (403 otherwise; 410 once over): the meeting and its breakout rooms. */
export async function loadBreakoutsToRun(ctx: Ctx, rawCode: string, what: string) {
  const meeting = await loadMeetingToModerate(ctx, rawCode, what);
  return { meeting, state: await readBreakouts(ctx, meeting.code) };
}

/**
 * For anyone in the meeting (403 otherwise; hosts and co-hosts always): the meeting, its
 * breakout rooms, who the caller is in it and whether they run it.
 */
export async function loadBreakoutsAsMember(ctx: Ctx, rawCode: string) {
  const meeting = await loadMeeting(ctx, rawCode);
  const role = roleOf(meeting, ctx.actor);
  const host = isHostRole(role);
  const entry = await roster.get(ctx.live, meeting.code, ctx.actor.id);
  if (!host && !isMember(entry))
    throw new AppError('FORBIDDEN', 'Join the meeting first.', { type: 'not-in-meeting' });
  const who = {
    identity: ctx.actor.id,
    name: entry?.name ?? ctx.actor.name,
    role: entry?.role ?? role,
  };
  return { meeting, host, who, state: await readBreakouts(ctx, meeting.code) };
}

/** 400 naming `field` unless room `room` exists. */
export function requireRoom(state: StoredBreakouts, room: number, field: string): void {
  if (state.rooms.some((r) => r.number === room)) return;
  throw new AppError('VALIDATION', `There is no breakout room ${room}.`, {
    errors: [{ field, message: `must be one of the rooms (1–${state.rooms.length})` }],
  });
}
