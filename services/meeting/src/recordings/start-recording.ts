import { randomUUID } from 'node:crypto';
import { AppError } from '@gomeet/platform';
import type { Recording } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { presentRecording } from './present-recording.js';
import { publishJob, requireRecorder, type Recordings } from './recordings.js';
import type { RecordingRow } from './tables.js';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

function alreadyRecording(): AppError {
  return new AppError(
    'CONFLICT',
    'This meeting is already being recorded; stop that recording before starting another.',
    { type: 'already-recording' },
  );
}

/** 409: the server only relays an end-to-end encrypted meeting's media, it cannot decode it. */
function encryptedMeeting(): AppError {
  return new AppError(
    'CONFLICT',
    'This meeting is end-to-end encrypted: the server cannot see or hear it, so it cannot record it.',
    { type: 'meeting-encrypted' },
  );
}

/**
 * Starts recording a meeting (host and co-hosts), in this order: the caller runs the meeting
 * and it is not over (403/410); it is not end-to-end encrypted (409 `meeting-encrypted`); a
 * recorder can run here (409 saying why not); no other recording is active (409 — the partial
 * unique index decides a race). The recording is `requested`; recorders claim it from the bus,
 * and nobody claiming within 15 s fails it.
 */
export async function startRecording({
  ctx,
  recordings,
  input,
}: {
  ctx: Ctx;
  recordings: Recordings;
  input: { code: string; audioOnly: boolean };
}): Promise<Recording> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'start a recording');
  if (meeting.e2ee) throw encryptedMeeting();
  const deps = requireRecorder(recordings);
  const now = ctx.now();
  const row: RecordingRow = {
    id: randomUUID(),
    meeting_code: meeting.code,
    state: 'requested',
    audio_only: input.audioOnly,
    requested_by: ctx.actor.id,
    requested_by_name: ctx.actor.name,
    requested_at: now,
    owner: null,
    heartbeat_at: null,
    started_at: null,
    ended_at: null,
    updated_at: now,
    failure_reason: null,
    partial: false,
    object_key: null,
    bytes: null,
    duration_ms: null,
    deleted_at: null,
  };
  try {
    await ctx.db.insertInto('meeting_recordings').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRecording();
    throw error;
  }
  await publishJob(recordings, {
    type: 'recording.requested',
    recordingId: row.id,
    meetingCode: meeting.code,
    roomName: meeting.code,
    audioOnly: input.audioOnly,
  });
  return presentRecording(row, deps.retentionDays);
}
