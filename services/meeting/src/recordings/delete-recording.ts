import { AppError } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { loadHostedRecording } from './load-hosted-recording.js';
import type { Recordings } from './recordings.js';
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
  const row = await loadHostedRecording(ctx, input, 'delete recordings', false);
  if (row.state !== 'ready' && row.state !== 'failed')
    throw new AppError(
      'CONFLICT',
      'This recording is still being made; stop it and wait until it is ready before deleting it.',
      { type: 'recording-in-progress' },
    );
  await deleteRecordingFile(recordings, row);
}
