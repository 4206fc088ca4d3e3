import { roster, type RosterEntry } from '@gomeet/platform';
import type { EventCtx } from '../deps.js';
import { putRoster } from '../roster/roster-store.js';
import { openStay } from './repo.js';

/**
 * How long after leaving someone may come back without the lobby or a lock stopping them:
 * a page reload or a dropped network is not a new arrival.
 */
export const REJOIN_GRACE_MS = 2 * 60_000;

/** True for someone who left the room within {@link REJOIN_GRACE_MS} of `now`. */
export function leftRecently(entry: RosterEntry | undefined, now: Date): boolean {
  return entry?.state === 'left' && now.getTime() - Date.parse(entry.at) <= REJOIN_GRACE_MS;
}

/**
 * After a LiveKit participant_left: when `identity` has no open stay any more and their roster
 * entry predates the leave, the roster says `left`, so signaling refuses their socket and chat
 * their posts until they join again. A join written after the leave (a reload racing its own
 * leave; LiveKit stamps to the second, rounding down) wins, and they stay joined.
 */
export async function markLeft(
  ctx: Pick<EventCtx, 'db' | 'live' | 'now'>,
  code: string,
  identity: string,
  at: Date,
): Promise<boolean> {
  const entry = await roster.get(ctx.live, code, identity);
  if (entry?.state !== 'joined' && entry?.state !== 'admitted') return false;
  if (Date.parse(entry.at) >= at.getTime()) return false;
  if (await openStay(ctx.db, code, identity)) return false;
  await putRoster(ctx, code, entry, 'left');
  return true;
}
