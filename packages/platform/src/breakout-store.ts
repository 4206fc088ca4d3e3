import type { BreakoutState, HelpRequest } from '@gomeet/protocol';
import type { LiveState } from './live-state.js';
import { roster, type Audience } from './meeting-events.js';

/** A meeting's breakout rooms in live state, with the open help requests. */
export interface StoredBreakouts extends BreakoutState {
  help: HelpRequest[];
}

const key = (code: string) => `meeting:${code}:breakouts`;

/** Longer than any meeting runs: a forgotten plan does not stay in Redis for good. */
const TTL_MS = 24 * 3600_000;

/**
 * Breakout rooms in live state (Redis with several pods): meeting-service writes them, chat
 * reads who shares a room. One JSON value per meeting; hosts' edits are last-writer-wins.
 */
export const breakoutStore = {
  async read(live: LiveState, code: string): Promise<StoredBreakouts | undefined> {
    const raw = await live.get(key(code));
    return raw ? (JSON.parse(raw) as StoredBreakouts) : undefined;
  },
  async write(live: LiveState, code: string, state: StoredBreakouts): Promise<void> {
    await live.set(key(code), JSON.stringify(state), TTL_MS);
  },
  async clear(live: LiveState, code: string): Promise<void> {
    await live.del(key(code));
  },
};

/** True while the rooms are open: opened, and their timer (if any) not run out at `now`. */
export function breakoutsOpenAt(state: BreakoutState | undefined, now: Date): boolean {
  if (!state?.open) return false;
  return state.endsAt === null || now.getTime() < Date.parse(state.endsAt);
}

/** The open breakout room `identity` is in at `now` (its number), or null: the main room. */
export function breakoutRoomOf(
  state: BreakoutState | undefined,
  identity: string,
  now: Date,
): number | null {
  if (!state || !breakoutsOpenAt(state, now)) return null;
  return state.assignments[identity] ?? null;
}

/** Everyone in breakout room `room` (identities). */
export function breakoutMates(state: BreakoutState, room: number): string[] {
  return Object.entries(state.assignments)
    .filter(([, r]) => r === room)
    .map(([identity]) => identity);
}

/**
 * Who hears a public chat message from `sender` at `now`: while breakout rooms are open, only
 * the people in the sender's room (those in no room share the main room); else everyone.
 */
export async function roomAudience(
  live: LiveState,
  code: string,
  sender: string,
  now: Date,
): Promise<Audience> {
  const state = await breakoutStore.read(live, code);
  if (!state || !breakoutsOpenAt(state, now)) return 'all';
  const room = state.assignments[sender];
  if (room !== undefined) return { identities: breakoutMates(state, room) };
  const members = await roster.all(live, code);
  const inMain = members.filter(
    (e) => (e.state === 'joined' || e.state === 'admitted') && !(e.identity in state.assignments),
  );
  return { identities: inMain.map((e) => e.identity) };
}
