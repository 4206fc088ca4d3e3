import type { RecordingStorage } from '@gomeet/platform';
import type { RecorderLogger, StateReport } from './messages.js';
import { contentType, findLeftovers, objectKey, removeSpool } from './spool.js';
import { uploadWithRetry } from './upload.js';

/**
 * Uploads what a previous run of this recorder left in the spool dir (it was killed mid-
 * recording) and reports each as `failed` with `partial: true`, so hosts keep the part that
 * was recorded. The fragmented MP4 plays up to its last complete fragment. A leftover whose
 * upload fails stays for the next start.
 */
export async function salvageLeftovers(
  spoolDir: string,
  storage: RecordingStorage,
  log: RecorderLogger,
  report: (recordingId: string, report: StateReport) => Promise<void>,
): Promise<number> {
  const { leftovers, unreadable } = await findLeftovers(spoolDir);
  if (unreadable.length > 0)
    log.warn(
      { spoolDir, files: unreadable },
      'spool sidecars that could not be read were left alone',
    );
  let salvaged = 0;
  for (const { entry, media, bytes } of leftovers) {
    const { recordingId } = entry;
    if (bytes === 0) {
      await report(recordingId, {
        state: 'failed',
        reason: 'the recorder stopped before anything was recorded',
      });
      await removeSpool(spoolDir, recordingId);
      continue;
    }
    const key = objectKey(entry);
    const stored = await uploadWithRetry(storage, key, media, contentType(entry.audioOnly), log);
    if (!stored) continue;
    await report(recordingId, {
      state: 'failed',
      reason: 'the recorder stopped during the recording; the part recorded before is kept',
      objectKey: key,
      bytes: stored.bytes,
      partial: true,
    });
    await removeSpool(spoolDir, recordingId);
    log.info(
      { recordingId, bytes: stored.bytes },
      'uploaded a partial recording left by a previous run',
    );
    salvaged += 1;
  }
  return salvaged;
}
