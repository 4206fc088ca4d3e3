import type { Recording } from '@gomeet/protocol';
import type { RecordingRow } from './tables.js';

const DAY_MS = 86_400_000;

/** True when the recording has a file a host can download. */
export function hasFile(row: RecordingRow): boolean {
  return row.object_key !== null && row.deleted_at === null;
}

/** A recording row as hosts see it; `retentionDays` dates the file's deletion. */
export function presentRecording(row: RecordingRow, retentionDays?: number): Recording {
  const ended = row.ended_at ?? (row.state === 'ready' ? row.updated_at : null);
  const durationMs =
    row.duration_ms ??
    (row.started_at && ended ? ended.getTime() - row.started_at.getTime() : null);
  return {
    id: row.id,
    meetingCode: row.meeting_code,
    state: row.state,
    audioOnly: row.audio_only,
    failureReason: row.failure_reason,
    partial: row.partial,
    downloadable: hasFile(row),
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    requestedAt: row.requested_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: ended?.toISOString() ?? null,
    durationSeconds: durationMs === null ? null : Math.round(durationMs / 100) / 10,
    bytes: row.bytes === null ? null : Number(row.bytes),
    expiresAt:
      retentionDays && ended && hasFile(row)
        ? new Date(ended.getTime() + retentionDays * DAY_MS).toISOString()
        : null,
  };
}

/** The download's file name: `gomeet-abc-defg-hij-2026-12-05-0915.mp4` (.m4a for audio only). */
export function downloadFilename(row: RecordingRow): string {
  const at = row.requested_at.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return `gomeet-${row.meeting_code}-${at}.${row.audio_only ? 'm4a' : 'mp4'}`;
}

/** The storage key the recorder stores the file under (the contract's layout). */
export function objectKeyOf(code: string, id: string, audioOnly: boolean): string {
  return `recordings/${code}/${id}.${audioOnly ? 'm4a' : 'mp4'}`;
}
