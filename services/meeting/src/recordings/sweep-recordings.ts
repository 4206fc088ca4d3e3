import type { Recordings } from './recordings.js';
import { deleteRecordingFile } from './delete-recording.js';
import { idsIdleSince } from './repo.js';
import { planFailure, transition } from './transitions.js';

const NO_RECORDER = 'No recorder is available: none took the job within 15 seconds.';
const UNRESPONSIVE = 'The recorder stopped responding; any part recorded so far is kept.';
const OWNED = ['starting', 'recording', 'stopping', 'uploading'] as const;

/**
 * Fails recordings nobody claimed in time, and those whose recorder went silent. Every pod may
 * run it: each failure is one conditional update, so only one pod applies (and announces) it.
 */
export async function sweepRecordings(recordings: Recordings): Promise<void> {
  const now = recordings.now();
  const { claimTimeoutMs, heartbeatTimeoutMs } = recordings.timing;
  const unclaimed = new Date(now.getTime() - claimTimeoutMs);
  for (const id of await idsIdleSince(recordings.db, ['requested'], unclaimed, 'requested_at'))
    await transition(recordings, id, planFailure(['requested'], NO_RECORDER, now), 'no-recorder');
  const silent = new Date(now.getTime() - heartbeatTimeoutMs);
  for (const id of await idsIdleSince(recordings.db, OWNED, silent, 'heartbeat'))
    await transition(recordings, id, planFailure(OWNED, UNRESPONSIVE, now), 'unresponsive');
}

/**
 * Deletes the files of recordings that ended more than RECORDING_RETENTION_DAYS ago, at most
 * `retentionBatch` per run (the next run takes the rest). Returns how many it deleted.
 */
export async function applyRetention(recordings: Recordings): Promise<number> {
  const days = recordings.deps?.retentionDays;
  if (!days) return 0;
  const cutoff = new Date(recordings.now().getTime() - days * 86_400_000);
  const rows = await recordings.db
    .selectFrom('meeting_recordings')
    .select(['id', 'object_key'])
    .where('state', 'in', ['ready', 'failed'])
    .where('deleted_at', 'is', null)
    .where((eb) => eb(eb.fn.coalesce('ended_at', 'updated_at'), '<', cutoff))
    .orderBy('requested_at')
    .limit(recordings.timing.retentionBatch)
    .execute();
  for (const row of rows) await deleteRecordingFile(recordings, row);
  return rows.length;
}

/** Runs the sweep and retention on their intervals until the returned function is called. */
export function scheduleRecordingJobs(recordings: Recordings): () => void {
  const guard = (what: string, job: () => Promise<unknown>) => () => {
    job().catch((err: unknown) => recordings.log.error({ err, what }, 'recording job failed'));
  };
  const { sweepIntervalMs, retentionIntervalMs } = recordings.timing;
  const timers = [
    setInterval(
      guard('sweep', () => sweepRecordings(recordings)),
      sweepIntervalMs,
    ),
    setInterval(
      guard('retention', () => applyRetention(recordings)),
      retentionIntervalMs,
    ),
  ];
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearInterval(t));
}
