import type { Bus } from '@gomeet/platform';
import {
  RECORDING_JOBS_TOPIC,
  RECORDING_STATUS_TOPIC,
  recordingStatus,
  type RecordingJob,
  type RecordingStatus,
} from '@gomeet/protocol';

type StateMessage = Extract<RecordingStatus, { type: 'recording.state' }>;

/**
 * meeting-service's side of the recording bus protocol, as far as a recorder test needs it:
 * sends `requested`, assigns the first claim, sends `stop`, and keeps what recorders report.
 * (services/meeting's own tests drive the real state machine.)
 */
export async function standInMeetingService(bus: Bus) {
  const seen: RecordingStatus[] = [];
  const waiters = new Set<() => void>();
  const assigned = new Set<string>();
  const send = (message: RecordingJob) => bus.publish(RECORDING_JOBS_TOPIC, message);
  const unsubscribe = await bus.subscribe(RECORDING_STATUS_TOPIC, (raw) => {
    const message = recordingStatus.parse(raw);
    seen.push(message);
    if (message.type === 'recording.claim' && !assigned.has(message.recordingId)) {
      assigned.add(message.recordingId);
      void send({
        type: 'recording.assigned',
        recordingId: message.recordingId,
        owner: message.owner,
      });
    }
    for (const wake of waiters) wake();
  });

  const find = (recordingId: string, test: (m: StateMessage) => boolean) =>
    seen.find(
      (m): m is StateMessage =>
        m.type === 'recording.state' && m.recordingId === recordingId && test(m),
    );

  return {
    seen,
    request: (recordingId: string, meetingCode: string, audioOnly = false) =>
      send({
        type: 'recording.requested',
        recordingId,
        meetingCode,
        roomName: meetingCode,
        audioOnly,
      }),
    stop: (recordingId: string) => send({ type: 'recording.stop', recordingId }),
    /** The states reported for a recording, in order. */
    states: (recordingId: string) =>
      seen.flatMap((m) =>
        m.type === 'recording.state' && m.recordingId === recordingId ? [m.state] : [],
      ),
    /** Resolves with the first state message of `recordingId` that passes `test`. */
    async waitForState(recordingId: string, test: (m: StateMessage) => boolean, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find(recordingId, test);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no matching recording.state within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`,
          );
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    close: unsubscribe,
  };
}
