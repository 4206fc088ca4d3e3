import { LIVEKIT_EVENTS_TOPIC, type LiveKitEvent } from '@gomeet/platform';
import { RECORDING_STATUS_TOPIC, recordingStatus, type RecordingStatus } from '@gomeet/protocol';
import { publishJob, type Recordings } from './recordings.js';
import { touchHeartbeat } from './repo.js';
import { stopActiveRecording } from './stop-recording.js';
import { planReport, transition } from './transitions.js';

/**
 * The first claim of a requested recording wins it (one atomic update across every pod), and
 * only the winning pod tells recorders whose it is.
 */
async function applyClaim(recordings: Recordings, recordingId: string, owner: string) {
  const now = recordings.now();
  const won = await recordings.db
    .updateTable('meeting_recordings')
    .set({ state: 'starting', owner, heartbeat_at: now, updated_at: now })
    .where('id', '=', recordingId)
    .where('state', '=', 'requested')
    .returning('id')
    .executeTakeFirst();
  if (won) await publishJob(recordings, { type: 'recording.assigned', recordingId, owner });
}

/** Applies one recorder message; each is idempotent and safe in any order. */
export async function applyRecordingStatus(
  recordings: Recordings,
  message: RecordingStatus,
): Promise<void> {
  switch (message.type) {
    case 'recording.claim':
      return applyClaim(recordings, message.recordingId, message.owner);
    case 'recording.heartbeat':
      return touchHeartbeat(recordings.db, message.owner, message.recordingIds, recordings.now());
    case 'recording.state':
      await transition(recordings, message.recordingId, (row) =>
        planReport(row, message, recordings.now()),
      );
      return;
  }
}

/**
 * Subscribes to recorders' messages, and stops a meeting's recording when its LiveKit room
 * finishes (the meeting ended, or everyone left). One recording's messages are applied one at a
 * time in arrival order; recordings run side by side. Returns the unsubscribe function.
 */
export async function subscribeRecordingStatus(
  recordings: Recordings,
): Promise<() => Promise<void>> {
  const queues = new Map<string, Promise<void>>();
  const run = (key: string, what: string, work: () => Promise<unknown>) => {
    const tail = (queues.get(key) ?? Promise.resolve()).then(work).then(
      () => undefined,
      (err: unknown) => recordings.log.error({ err, what }, 'recording update failed'),
    );
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
  };
  const offStatus = await recordings.bus.subscribe(RECORDING_STATUS_TOPIC, (raw) => {
    const parsed = recordingStatus.safeParse(raw);
    if (!parsed.success) {
      recordings.log.warn({ issues: parsed.error.issues }, 'dropped a malformed recorder message');
      return;
    }
    const m = parsed.data;
    const key = m.type === 'recording.heartbeat' ? `heartbeat:${m.owner}` : m.recordingId;
    run(key, m.type, () => applyRecordingStatus(recordings, m));
  });
  const offRooms = await recordings.bus.subscribe(LIVEKIT_EVENTS_TOPIC, (raw) => {
    const event = raw as Partial<LiveKitEvent> | null;
    if (event?.event === 'room_finished' && typeof event.room === 'string') {
      const room = event.room;
      run(`room:${room}`, 'room_finished', () => stopActiveRecording(recordings, room));
    }
  });
  return async () => {
    await offStatus();
    await offRooms();
  };
}
