import { z } from 'zod';

/**
 * A recording's life: requested → starting → recording → stopping → uploading → ready, or
 * failed (with a reason) from any state before ready.
 */
export const recordingState = z.enum([
  'requested',
  'starting',
  'recording',
  'stopping',
  'uploading',
  'ready',
  'failed',
]);
export type RecordingState = z.infer<typeof recordingState>;

/** The states a recorder reports on `recordings:status`. */
export const reportedRecordingState = recordingState.exclude(['requested', 'starting']);
export type ReportedRecordingState = z.infer<typeof reportedRecordingState>;

/** The LiveKit identity prefix of recorders: their room presence is never a participant. */
export const RECORDER_IDENTITY_PREFIX = 'recorder-';

/** The body of `POST /api/meetings/{code}/recordings`. */
export const startRecordingBody = z.object({
  audioOnly: z
    .boolean()
    .default(false)
    .describe('Record sound only (an .m4a file) instead of video with sound (.mp4)'),
});
export type StartRecordingBody = z.input<typeof startRecordingBody>;

/** One recording as hosts see it over HTTP. */
export const recording = z.object({
  id: z.string(),
  meetingCode: z.string(),
  state: recordingState,
  audioOnly: z.boolean(),
  /** Why it failed, in words a host can act on; null unless failed. */
  failureReason: z.string().nullable(),
  /** True when the file was cut short (the recorder stopped mid-recording) but kept. */
  partial: z.boolean(),
  /** True when a file exists to download (ready, or failed with a partial file kept). */
  downloadable: z.boolean(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  requestedAt: z.string(),
  /** When the recorder began capturing; null before. */
  startedAt: z.string().nullable(),
  /** When capture ended (stopped or failed); null while it runs. */
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  bytes: z.number().nullable(),
  /** The date retention deletes the file on; null when retention is off. */
  expiresAt: z.string().nullable(),
});
export type Recording = z.infer<typeof recording>;

/** `GET /api/meetings/{code}/recordings/{id}`: the recording and a short-lived download link. */
export const recordingWithDownload = recording.extend({
  /** A signed URL serving the file as an attachment; null when there is no file. */
  downloadUrl: z.string().nullable(),
  /** When `downloadUrl` stops working (ISO 8601); null without one. */
  downloadUrlExpiresAt: z.string().nullable(),
});
export type RecordingWithDownload = z.infer<typeof recordingWithDownload>;

/** `GET /api/meetings/{code}/recordings`: newest first. */
export const recordingList = z.object({ recordings: z.array(recording) });
export type RecordingList = z.infer<typeof recordingList>;

/** Socket messages about a meeting's recording; every participant receives them. */
export const recordingEvent = z.discriminatedUnion('type', [
  /** Capture began: show "This meeting is being recorded". */
  z.object({ type: z.literal('recording.started'), id: z.string(), audioOnly: z.boolean() }),
  /** Capture ended; the file is being finished and uploaded. */
  z.object({ type: z.literal('recording.stopped'), id: z.string() }),
  /** The file is ready for hosts to download. */
  z.object({ type: z.literal('recording.ready'), id: z.string() }),
  z.object({ type: z.literal('recording.failed'), id: z.string(), reason: z.string() }),
]);
export type RecordingEvent = z.infer<typeof recordingEvent>;

/** meeting-service → recorders, bus topic {@link RECORDING_JOBS_TOPIC}. */
export const recordingJob = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('recording.requested'),
    recordingId: z.string(),
    meetingCode: z.string(),
    /** The LiveKit room to join (the meeting code). */
    roomName: z.string(),
    audioOnly: z.boolean(),
  }),
  /** Only `owner` proceeds; other claimants forget the job. */
  z.object({ type: z.literal('recording.assigned'), recordingId: z.string(), owner: z.string() }),
  z.object({ type: z.literal('recording.stop'), recordingId: z.string() }),
]);
export type RecordingJob = z.infer<typeof recordingJob>;

/** recorders → meeting-service, bus topic {@link RECORDING_STATUS_TOPIC}. */
export const recordingStatus = z.discriminatedUnion('type', [
  /** An idle recorder offers to take a requested recording; the first claim wins. */
  z.object({ type: z.literal('recording.claim'), recordingId: z.string(), owner: z.string() }),
  z.object({
    type: z.literal('recording.state'),
    recordingId: z.string(),
    owner: z.string(),
    state: reportedRecordingState,
    reason: z.string().optional(),
    objectKey: z.string().optional(),
    bytes: z.number().nonnegative().optional(),
    durationMs: z.number().nonnegative().optional(),
    partial: z.boolean().optional(),
  }),
  /** Every 5 s while the recorder holds jobs; 20 s of silence fails them. */
  z.object({
    type: z.literal('recording.heartbeat'),
    owner: z.string(),
    recordingIds: z.array(z.string()),
  }),
]);
export type RecordingStatus = z.infer<typeof recordingStatus>;

/** Bus topic of jobs for recorders. */
export const RECORDING_JOBS_TOPIC = 'recordings:jobs';
/** Bus topic of recorders' claims, states and heartbeats. */
export const RECORDING_STATUS_TOPIC = 'recordings:status';
