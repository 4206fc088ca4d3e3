import { AppError } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost } from '../meetings/access.js';
import type { Recordings } from './recordings.js';
import { findRecording, recordingNotFound } from './repo.js';
import type { RecordingRow } from './tables.js';

/**
 * Deletes a recording's file and marks the row deleted; it leaves the list. Used by the host's
 * DELETE and by retention. The object goes first: a failed delete leaves the row to retry.
 */
export async function deleteRecordingFile(
  recordings: Recordings,
  row: Pick<RecordingRow, 'id' | 'object_key'>,
): Promise<void> {
  if (row.object_key) await recordings.deps?.storage.delete(row.object_key);
  await recordings.db
    .updateTable('meeting_recordings')
    .set({ deleted_at: recordings.now() })
    .where('id', '=', row.id)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Deletes a finished recording (the host only); 409 while it is still being made. */
export async function deleteRecording({
  ctx,
  recordings,
  input,
}: {
  ctx: Ctx;
  recordings: Recordings;
  input: { code: string; id: string };
}): Promise<void> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'delete recordings', false);
  const row = await findRecording(ctx.db, meeting.code, input.id);
  if (!row || row.deleted_at) throw recordingNotFound();
  if (row.state !== 'ready' && row.state !== 'failed')
    throw new AppError(
      'CONFLICT',
      'This recording is still being made; stop it and wait until it is ready before deleting it.',
      { type: 'recording-in-progress' },
    );
  await deleteRecordingFile(recordings, row);
}
