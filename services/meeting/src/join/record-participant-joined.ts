import type { Role } from '@gomeet/protocol';
import type { Kysely } from 'kysely';
import { meetingExists } from '../meetings/repo.js';
import { lastAttendance, openAttendance } from './repo.js';
import type { MeetingDatabase } from '../meetings/tables.js';

/** Who connected, as the LiveKit webhook reports it (name and role from the token's metadata). */
export interface ParticipantJoined {
  code: string;
  identity: string;
  at: Date;
  name?: string;
  role?: Role;
}

/**
 * Records that `identity` is in the meeting (LiveKit `participant_joined`). A join already
 * recorded by the join route is kept as is; a reconnect after leaving opens a new stay.
 * Returns true when a new stay was opened; false for a room that is no meeting of ours.
 */
export async function recordParticipantJoined({
  ctx,
  input,
}: {
  ctx: { db: Kysely<MeetingDatabase> };
  input: ParticipantJoined;
}): Promise<boolean> {
  if (!(await meetingExists(ctx.db, input.code))) return false;
  const previous =
    input.name && input.role ? undefined : await lastAttendance(ctx.db, input.code, input.identity);
  return openAttendance(ctx.db, {
    meeting_code: input.code,
    identity: input.identity,
    name: input.name ?? previous?.name ?? input.identity,
    role:
      input.role ??
      previous?.role ??
      (input.identity.startsWith('guest:') ? 'guest' : 'participant'),
    joined_at: input.at,
  });
}
