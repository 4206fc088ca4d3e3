import { AppError, breakoutRoomOf, breakoutStore, publishToMeeting } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { mintJoinAnswer, type JoinAnswer } from '../join/join-answer.js';
import type { MeetingRow } from '../meetings/tables.js';
import type { RosterPerson } from '../roster/roster-store.js';
import { loadBreakoutsAsMember, requireRoom, saveBreakouts } from './breakout-state.js';
import { notOpen } from './run-breakouts.js';

/**
 * A LiveKit token for `room` (a breakout room's number) or the main room (null), minted by
 * the join's own code. Never muted on entry: people moving between rooms are already in.
 */
async function answerFor(
  ctx: Ctx,
  meeting: Pick<MeetingRow, 'code' | 'allow_screen_share'>,
  who: RosterPerson,
  room: number | null,
): Promise<JoinAnswer> {
  const { code, allow_screen_share } = meeting;
  return mintJoinAnswer(ctx, { code, allow_screen_share, mute_on_entry: false }, who, room);
}

/**
 * The caller's LiveKit token for where they belong now: their breakout room while the rooms
 * are open, else the main room. Clients ask whenever `breakouts.updated` moves them, and after
 * a reconnect, so they land back in the right room.
 */
export async function joinMyRoom({ ctx, input }: { ctx: Ctx; input: { code: string } }) {
  const { meeting, state, who } = await loadBreakoutsAsMember(ctx, input.code);
  return answerFor(ctx, meeting, who, breakoutRoomOf(state, who.identity, ctx.now()));
}

/**
 * A host or co-host goes into room `room` (null: back to the main room) while the rooms are
 * open; that room's help requests are answered. Answers the token for where they go.
 */
export async function visitRoom({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; room: number | null };
}): Promise<JoinAnswer> {
  const { meeting, state, who, host } = await loadBreakoutsAsMember(ctx, input.code);
  if (!host)
    throw new AppError('FORBIDDEN', 'Only the host or a co-host can visit breakout rooms.', {
      type: 'not-host',
    });
  if (!state.open) throw notOpen();
  if (input.room !== null) requireRoom(state, input.room, 'body.room');
  const { [who.identity]: _left, ...others } = state.assignments;
  const assignments = input.room === null ? others : { ...others, [who.identity]: input.room };
  const help = state.help.filter((h) => h.room !== input.room);
  await saveBreakouts(ctx, meeting.code, { ...state, assignments, help });
  return answerFor(ctx, meeting, who, input.room);
}

/** Someone in an open breakout room asks for a host; hosts and co-hosts see it at once. */
export async function askForHelp({ ctx, input }: { ctx: Ctx; input: { code: string } }) {
  const { meeting, state, who } = await loadBreakoutsAsMember(ctx, input.code);
  const room = breakoutRoomOf(state, who.identity, ctx.now());
  if (room === null)
    throw new AppError('CONFLICT', 'You are not in a breakout room.', {
      type: 'not-in-breakout',
    });
  const request = { identity: who.identity, name: who.name, room, at: ctx.now().toISOString() };
  const help = [...state.help.filter((h) => h.identity !== who.identity), request];
  await breakoutStore.write(ctx.live, meeting.code, { ...state, help });
  await publishToMeeting(ctx.bus, meeting.code, { type: 'breakouts.help', request }, 'hosts');
}
