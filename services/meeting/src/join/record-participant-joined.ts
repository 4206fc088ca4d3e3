import type { Role } from '@gomeet/protocol';
import type { Kysely } from 'kysely';
import { isOver } from '../meetings/access.js';
import { lockMeeting, type Db } from '../meetings/repo.js';
import type { MeetingDatabase } from '../meetings/tables.js';
import { isBanned } from '../roster/bans.js';
import {
  closedStayEndingAfter,
  lastAttendance,
  lastJoinOf,
  openAttendance,
  openStay,
  updateStay,
  type Stay,
} from './repo.js';

/** Who connected, as the LiveKit webhook reports it (name and role from the token's metadata). */
export interface ParticipantJoined {
  code: string;
  identity: string;
  at: Date;
  name?: string;
  role?: Role;
}

/**
 * What a participant_joined did: opened a stay, found one open, came after a leave already
 * recorded (stale), or was for a removed identity, a meeting that is over, or no meeting.
 */
export type JoinedOutcome = 'opened' | 'in' | 'stale' | 'banned' | 'over' | 'unknown-meeting';

/** The name and role to record for `identity` when the event does not say. */
export async function personOf(
  db: Db,
  input: { code: string; identity: string; name?: string | undefined; role?: Role | undefined },
): Promise<{ name: string; role: Role }> {
  const previous =
    input.name && input.role ? undefined : await lastAttendance(db, input.code, input.identity);
  const guest = input.identity.startsWith('guest:');
  return {
    name: input.name || previous?.name || input.identity,
    role: input.role ?? previous?.role ?? (guest ? 'guest' : 'participant'),
  };
}

/**
 * Folds a join at `at` into a stay that covers it: an earlier join moves its start back (its
 * leave came first); a later one is remembered as its latest join, so a leave older than that
 * join, arriving late, splits the stay in two (see applyParticipantLeft).
 */
async function widenStay(db: Db, stay: Stay, at: Date): Promise<void> {
  if (stay.joined_at > at) {
    await updateStay(db, stay.id, { joined_at: at, last_joined_at: lastJoinOf(stay) });
  } else if (lastJoinOf(stay) < at) await updateStay(db, stay.id, { last_joined_at: at });
}

/**
 * Applies a LiveKit participant_joined, whatever order events come in: a join within a stay
 * already recorded (open or closed; a duplicate, the join route's own row, or a join whose
 * leave came first) widens that stay; otherwise it opens one.
 */
export async function applyParticipantJoined(
  db: Kysely<MeetingDatabase>,
  input: ParticipantJoined,
): Promise<JoinedOutcome> {
  return db.transaction().execute(async (trx) => {
    // The meeting's row lock orders this against joins, removals and other events.
    const meeting = await lockMeeting(trx, input.code);
    if (!meeting) return 'unknown-meeting';
    if (isOver(meeting)) return 'over';
    if (await isBanned(trx, input.code, input.identity)) return 'banned';
    const later = await closedStayEndingAfter(trx, input.code, input.identity, input.at);
    if (later) {
      await widenStay(trx, later, input.at);
      return 'stale';
    }
    const open = await openStay(trx, input.code, input.identity);
    if (open) {
      await widenStay(trx, open, input.at);
      return 'in';
    }
    const person = await personOf(trx, input);
    await openAttendance(trx, {
      meeting_code: input.code,
      identity: input.identity,
      ...person,
      joined_at: input.at,
    });
    return 'opened';
  });
}

/**
 * Records that `identity` is in the meeting (LiveKit `participant_joined`). Returns true when a
 * new stay was opened; false for one already open, a stale event, or a room that is no
 * meeting of ours (or one that is over).
 */
export async function recordParticipantJoined({
  ctx,
  input,
}: {
  ctx: { db: Kysely<MeetingDatabase> };
  input: ParticipantJoined;
}): Promise<boolean> {
  return (await applyParticipantJoined(ctx.db, input)) === 'opened';
}
