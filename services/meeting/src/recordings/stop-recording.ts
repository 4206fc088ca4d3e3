import type { Recording } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadHostedRecording } from './load-hosted-recording.js';
import { presentRecording } from './present-recording.js';
import { publishJob, type Recordings } from './recordings.js';
import type { RecordingRow } from './tables.js';
import { planFailure, planStop, transition } from './transitions.js';

/**
 * Stops one recording: a requested one nobody claimed yet fails ("stopped before a recorder
 * started it"); a starting or recording one goes to `stopping` at once and its recorder is told
 * to finish the file. Anything later is left as it is, so stopping twice is harmless.
 */
async function stop(recordings: Recordings, row: RecordingRow): Promise<RecordingRow> {
  const now = recordings.now();
  if (row.state === 'requested') {
    const reason = 'Stopped before a recorder started it.';
    return (
      (await transition(
        recordings,
        row.id,
        planFailure(['requested'], reason, now),
        'cancelled',
      )) ?? row
    );
  }
  const after = (await transition(recordings, row.id, planStop(now))) ?? row;
  if (after.state === 'stopping')
    await publishJob(recordings, { type: 'recording.stop', recordingId: row.id });
  return after;
}

/** Stops a meeting's recording (host and co-hosts, even after the meeting ended). */
export async function stopRecording({
  ctx,
  recordings,
  input,
}: {
  ctx: Ctx;
  recordings: Recordings;
  input: { code: string; id: string };
}): Promise<Recording> {
  const row = await loadHostedRecording(ctx, input, 'stop a recording');
  return presentRecording(await stop(recordings, row), recordings.deps?.retentionDays);
}

/** Stops whatever recording meeting `code` has running (its room finished). */
export async function stopActiveRecording(recordings: Recordings, code: string): Promise<void> {
  const rows = await recordings.db
    .selectFrom('meeting_recordings')
    .selectAll()
    .where('meeting_code', '=', code)
    .where('state', 'in', ['requested', 'starting', 'recording'])
    .execute();
  for (const row of rows) await stop(recordings, row);
}
