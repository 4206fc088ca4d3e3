import { AppError, roster } from '@gomeet/platform';
import type { AssignBreakoutBody, BreakoutState } from '@gomeet/protocol';
import { randomInt } from 'node:crypto';
import type { Ctx } from '../deps.js';
import { isHostRole } from '../meetings/access.js';
import { isMember } from '../roster/roster-store.js';
import { loadBreakoutsToRun, requireRoom, saveBreakouts } from './breakout-state.js';
import { publicState } from './breakout-state.js';

type Input<T = object> = { ctx: Ctx; input: { code: string } & T };

/**
 * Creates `count` rooms named "Room 1" … (host and co-hosts). Assignments to rooms that no
 * longer exist are dropped; 409 while rooms are open.
 */
export async function createBreakoutRooms({
  ctx,
  input,
}: Input<{ count: number }>): Promise<BreakoutState> {
  const { meeting, state } = await loadBreakoutsToRun(ctx, input.code, 'set up breakout rooms');
  if (state.open)
    throw new AppError('CONFLICT', 'Close the open breakout rooms first.', {
      type: 'breakouts-open',
    });
  const rooms = Array.from({ length: input.count }, (_, i) => ({
    number: i + 1,
    name: `Room ${i + 1}`,
  }));
  const assignments = Object.fromEntries(
    Object.entries(state.assignments).filter(([, room]) => room <= input.count),
  );
  return publicState(await saveBreakouts(ctx, meeting.code, { ...state, rooms, assignments }));
}

/** Puts one person in a room, or back in the main room (host and co-hosts; also while open). */
export async function assignToRoom({
  ctx,
  input,
}: Input<AssignBreakoutBody>): Promise<BreakoutState> {
  const { meeting, state } = await loadBreakoutsToRun(ctx, input.code, 'assign breakout rooms');
  if (input.room !== null) requireRoom(state, input.room, 'body.room');
  if (!isMember(await roster.get(ctx.live, meeting.code, input.identity)))
    throw new AppError('NOT_FOUND', `No participant "${input.identity}" is in this meeting.`, {
      type: 'participant-not-found',
    });
  const { [input.identity]: _moved, ...others } = state.assignments;
  const assignments = input.room === null ? others : { ...others, [input.identity]: input.room };
  return publicState(await saveBreakouts(ctx, meeting.code, { ...state, assignments }));
}

/**
 * Spreads everyone in the meeting who does not run it over the rooms at random, as evenly as
 * the numbers allow (host and co-hosts). Hosts keep whatever room they chose.
 */
export async function shuffleIntoRooms({ ctx, input }: Input): Promise<BreakoutState> {
  const { meeting, state } = await loadBreakoutsToRun(ctx, input.code, 'assign breakout rooms');
  if (state.rooms.length === 0)
    throw new AppError('CONFLICT', 'Create breakout rooms first.', { type: 'no-breakout-rooms' });
  const people = (await roster.all(ctx.live, meeting.code))
    .filter((e) => e.state === 'joined' && !isHostRole(e.role))
    .map((e) => e.identity);
  // Fisher–Yates, then deal round the rooms.
  for (let i = people.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [people[i], people[j]] = [people[j] as string, people[i] as string];
  }
  const hosts = Object.fromEntries(
    Object.entries(state.assignments).filter(([identity]) => !people.includes(identity)),
  );
  const dealt = Object.fromEntries(
    people.map((identity, i) => [identity, (i % state.rooms.length) + 1]),
  );
  const assignments = { ...hosts, ...dealt };
  return publicState(await saveBreakouts(ctx, meeting.code, { ...state, assignments }));
}
