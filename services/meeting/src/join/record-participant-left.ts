import type { LiveState } from '@gomeet/platform';
import type { Role } from '@gomeet/protocol';
import { seats } from './seats.js';
import type { Kysely } from 'kysely';
import { isOver } from '../meetings/access.js';
import { lockMeeting, type Db } from '../meetings/repo.js';
import type { MeetingDatabase } from '../meetings/tables.js';
import { personOf } from './record-participant-joined.js';
import {
  closedStayEndingAfter,
  insertStay,
  lastJoinOf,
  openStay,
  updateStay,
  type Stay,
} from './repo.js';

const CLOCK_SLACK_MS = 1000;

/** Who left, as the LiveKit webhook reports it. */
export interface ParticipantLeft {
  code: string;
  identity: string;
  at: Date;
  name?: string;
  role?: Role;
}

/**
 * What a participant_left did: closed the open stay; was already recorded (a duplicate, or
 * older than the open stay, which it must not close); or, with no stay to close, was kept as
 * a zero-length stay so that its join, arriving late, cannot open one.
 */
export type LeftOutcome = 'closed' | 'duplicate' | 'recorded' | 'ignored';

/**
 * When `stay` saw a join later than a leave at `at`, that leave ended one visit and the join
 * began the next: the stay becomes [joined_at, at] and [last join, its end]. False otherwise.
 */
async function splitAt(db: Db, stay: Stay, at: Date, code: string): Promise<boolean> {
  const lastJoin = lastJoinOf(stay);
  if (lastJoin.getTime() <= at.getTime() + CLOCK_SLACK_MS) return false;
  const tail = await db
    .selectFrom('meeting_attendance')
    .select(['identity', 'name', 'role'])
    .where('id', '=', stay.id)
    .executeTakeFirstOrThrow();
  await updateStay(db, stay.id, { left_at: at, last_joined_at: null });
  await insertStay(db, {
    meeting_code: code,
    ...tail,
    joined_at: lastJoin,
    left_at: stay.left_at,
  });
  return true;
}

/** Applies a LiveKit participant_left, whatever order events come in. */
export async function applyParticipantLeft(
  db: Kysely<MeetingDatabase>,
  input: ParticipantLeft,
): Promise<LeftOutcome> {
  return db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, input.code);
    if (!meeting || isOver(meeting)) return 'ignored';
    const later = await closedStayEndingAfter(trx, input.code, input.identity, input.at);
    if (later && later.joined_at <= input.at) {
      return (await splitAt(trx, later, input.at, input.code)) ? 'closed' : 'duplicate';
    }
    const open = await openStay(trx, input.code, input.identity);
    // LiveKit stamps events to the second; our join route stamps to the millisecond.
    if (open && open.joined_at.getTime() <= input.at.getTime() + CLOCK_SLACK_MS) {
      if (await splitAt(trx, open, input.at, input.code)) return 'closed';
      const leftAt = open.joined_at > input.at ? open.joined_at : input.at;
      await updateStay(trx, open.id, { left_at: leftAt });
      return 'closed';
    }
    const person = await personOf(trx, input);
    await insertStay(trx, {
      meeting_code: input.code,
      identity: input.identity,
      ...person,
      joined_at: input.at,
      left_at: input.at,
    });
    return 'recorded';
  });
}

/**
 * Records that `identity` left the meeting (LiveKit `participant_left`), closing its open
 * stay and freeing its seat. Returns false when no open stay was closed (already recorded,
 * or the leave is older than the open stay).
 */
export async function recordParticipantLeft({
  ctx,
  input,
}: {
  ctx: { db: Kysely<MeetingDatabase>; live: LiveState };
  input: ParticipantLeft;
}): Promise<boolean> {
  const closed = (await applyParticipantLeft(ctx.db, input)) === 'closed';
  if (closed) await seats.release(ctx.live, input.code, input.identity);
  return closed;
}
