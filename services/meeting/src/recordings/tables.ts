import type { RecordingState } from '@gomeet/protocol';
import type { Generated, Selectable } from 'kysely';

/** One recording of a meeting, from the host's request to its file (or failure). */
export interface RecordingTable {
  id: string;
  meeting_code: string;
  state: RecordingState;
  audio_only: boolean;
  /** The host or co-host who asked for it. */
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  /** The recorder instance that won the claim; null while requested. */
  owner: string | null;
  /** The owner's latest heartbeat; 20 s of silence fails the recording. */
  heartbeat_at: Date | null;
  /** When capture began (state `recording`). */
  started_at: Date | null;
  /** When capture ended: stopping, or failed. */
  ended_at: Date | null;
  updated_at: Date;
  failure_reason: string | null;
  /** The file was cut short (the recorder died mid-recording) and kept as it was. */
  partial: Generated<boolean>;
  object_key: string | null;
  /** bigint: PostgreSQL returns it as a string. */
  bytes: string | number | null;
  duration_ms: number | null;
  /** When the file was deleted (by a host or by retention); the row stays for the record. */
  deleted_at: Date | null;
}

export type RecordingRow = Selectable<RecordingTable>;
