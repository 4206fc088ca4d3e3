import type { RecordingState, RecordingStatus } from '@gomeet/protocol';
import type { Updateable } from 'kysely';
import { announceTransition } from './announce.js';
import type { FailureKind } from './metrics.js';
import type { Recordings } from './recordings.js';
import { updateIfUnchanged } from './repo.js';
import type { RecordingRow, RecordingTable } from './tables.js';

type Patch = Updateable<RecordingTable>;
type StateReport = Extract<RecordingStatus, { type: 'recording.state' }>;

/** How far along each state is: a report never moves a recording backwards. */
const RANK: Record<RecordingState, number> = {
  requested: 0,
  starting: 1,
  recording: 2,
  stopping: 3,
  uploading: 4,
  ready: 5,
  failed: 5,
};

const CAPTURE_OVER = new Set<RecordingState>(['stopping', 'uploading', 'ready', 'failed']);

/** The file fields a report carries, when it carries them. */
function fileOf(report: StateReport): Patch {
  return {
    ...(report.objectKey !== undefined ? { object_key: report.objectKey } : {}),
    ...(report.bytes !== undefined ? { bytes: report.bytes } : {}),
    ...(report.durationMs !== undefined ? { duration_ms: Math.round(report.durationMs) } : {}),
  };
}

/**
 * What a recorder's state report changes, or undefined when it changes nothing: reports from
 * a recorder that does not own the recording, and reports behind the recording's state, are
 * ignored — so reports apply idempotently and in any order. A failed recording still takes the
 * file of a later report (a salvaged partial upload), keeping its state and reason.
 */
export function planReport(row: RecordingRow, report: StateReport, now: Date): Patch | undefined {
  if (row.state === 'failed') {
    if (!report.objectKey || row.object_key) return undefined;
    return { ...fileOf(report), partial: report.partial ?? report.state !== 'ready' };
  }
  if (row.owner !== null && row.owner !== report.owner) return undefined;
  if (RANK[report.state] <= RANK[row.state]) return undefined;
  return {
    state: report.state,
    owner: report.owner,
    ...fileOf(report),
    ...(report.partial !== undefined ? { partial: report.partial } : {}),
    ...(report.state === 'recording' ? { started_at: now } : {}),
    ...(CAPTURE_OVER.has(report.state) && row.ended_at === null ? { ended_at: now } : {}),
    ...(report.state === 'failed'
      ? { failure_reason: report.reason ?? 'The recorder failed without saying why.' }
      : {}),
  };
}

/** Fails a recording that is still in one of `states`, with `reason`. */
export function planFailure(states: readonly RecordingState[], reason: string, now: Date) {
  return (row: RecordingRow): Patch | undefined =>
    states.includes(row.state)
      ? { state: 'failed', failure_reason: reason, ended_at: row.ended_at ?? now }
      : undefined;
}

/** Stops capture of a starting or recording recording. */
export function planStop(now: Date) {
  return (row: RecordingRow): Patch | undefined =>
    row.state === 'starting' || row.state === 'recording'
      ? { state: 'stopping', ended_at: now }
      : undefined;
}

/**
 * Applies `plan` to recording `id` and announces the change: reads the row, plans, and writes
 * only if nobody changed it meanwhile (else reads again). The row as it stands afterwards;
 * undefined when there is no such recording.
 */
export async function transition(
  recordings: Recordings,
  id: string,
  plan: (row: RecordingRow) => Patch | undefined,
  failure?: FailureKind,
): Promise<RecordingRow | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await recordings.db
      .selectFrom('meeting_recordings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const patch = plan(row);
    if (!patch) return row;
    // Strictly later than the row's own stamp, so the optimistic check always sees a change.
    const updatedAt = new Date(Math.max(recordings.now().getTime(), row.updated_at.getTime() + 1));
    const after = await updateIfUnchanged(recordings.db, row, { ...patch, updated_at: updatedAt });
    if (after) {
      await announceTransition(recordings, row, after, failure);
      return after;
    }
  }
  throw new Error(`recording ${id} kept changing under five attempts to update it`);
}
