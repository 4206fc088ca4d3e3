import type { Kysely } from 'kysely';
import { closeAttendance } from './repo.js';
import type { MeetingDatabase } from '../meetings/tables.js';

/**
 * Records that `identity` left the meeting (LiveKit `participant_left`), closing its open
 * stay and freeing its seat. Returns false when it had no open stay (already recorded).
 */
export async function recordParticipantLeft({
  ctx,
  input,
}: {
  ctx: { db: Kysely<MeetingDatabase> };
  input: { code: string; identity: string; at: Date };
}): Promise<boolean> {
  return (await closeAttendance(ctx.db, input.code, input.at, input.identity)) > 0;
}
