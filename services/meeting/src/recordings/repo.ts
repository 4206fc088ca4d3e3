import { AppError } from '@gomeet/platform';
import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../meetings/repo.js';
import type { MeetingDatabase } from '../meetings/tables.js';
import type { RecordingRow, RecordingTable } from './tables.js';

/** One recording of meeting `code` (deleted ones included), or undefined. */
export async function findRecording(
  db: Db,
  code: string,
  id: string,
): Promise<RecordingRow | undefined> {
  return db
    .selectFrom('meeting_recordings')
    .selectAll()
    .where('id', '=', id)
    .where('meeting_code', '=', code)
    .executeTakeFirst();
}

/** A meeting's recordings whose files were not deleted, newest first. */
export async function listRecordings(db: Db, code: string): Promise<RecordingRow[]> {
  return db
    .selectFrom('meeting_recordings')
    .selectAll()
    .where('meeting_code', '=', code)
    .where('deleted_at', 'is', null)
    .orderBy('requested_at', 'desc')
    .limit(200)
    .execute();
}

/** True when meeting `code` is being recorded (or a recorder is about to start). */
export async function isBeingRecorded(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('meeting_recordings')
    .select('id')
    .where('meeting_code', '=', code)
    .where('state', 'in', ['starting', 'recording'])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies `patch` to recording `id` only if it is still exactly as `seen` (same state, same
 * updated_at): the optimistic check that lets every pod apply the same bus message and only
 * one of them win. The updated row, or undefined when someone else changed it first.
 */
export async function updateIfUnchanged(
  db: Kysely<MeetingDatabase>,
  seen: RecordingRow,
  patch: Updateable<RecordingTable>,
): Promise<RecordingRow | undefined> {
  return db
    .updateTable('meeting_recordings')
    .set(patch)
    .where('id', '=', seen.id)
    .where('state', '=', seen.state)
    .where('updated_at', '=', seen.updated_at)
    .returningAll()
    .executeTakeFirst();
}

/** Recording ids in `states` not touched (heartbeat, else update) since `before`. */
export async function idsIdleSince(
  db: Db,
  states: readonly RecordingRow['state'][],
  before: Date,
  column: 'requested_at' | 'heartbeat',
): Promise<string[]> {
  const rows = await db
    .selectFrom('meeting_recordings')
    .select('id')
    .where('state', 'in', states)
    .where((eb) =>
      column === 'requested_at'
        ? eb('requested_at', '<', before)
        : eb(eb.fn.coalesce('heartbeat_at', 'updated_at'), '<', before),
    )
    .limit(500)
    .execute();
  return rows.map((r) => r.id);
}

/** The owner's heartbeat for the recordings it still holds. */
export async function touchHeartbeat(
  db: Db,
  owner: string,
  ids: string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('meeting_recordings')
    .set({ heartbeat_at: at })
    .where('id', 'in', ids)
    .where('owner', '=', owner)
    .where('state', 'in', ['starting', 'recording', 'stopping', 'uploading'])
    .execute();
}

/** The 404 for a recording id this meeting does not have. */
export function recordingNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This meeting has no recording with that id.', {
    type: 'recording-not-found',
  });
}
