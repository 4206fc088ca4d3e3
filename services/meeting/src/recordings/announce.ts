import { publishToMeeting } from '@gomeet/platform';
import type { RecordingEvent } from '@gomeet/protocol';
import { forgetMeetingEverywhere } from '../meetings/meeting-cache.js';
import type { FailureKind } from './metrics.js';
import { presentRecording } from './present-recording.js';
import type { Recordings } from './recordings.js';
import type { RecordingRow } from './tables.js';

/** What everyone hears when a recording moves from `before` to `after`; undefined: nothing. */
function eventOf(before: RecordingRow, after: RecordingRow): RecordingEvent | undefined {
  if (before.state === after.state) return undefined;
  const id = after.id;
  switch (after.state) {
    case 'recording':
      return { type: 'recording.started', id, audioOnly: after.audio_only };
    case 'stopping':
    case 'uploading':
      // Capture ended once, whichever of the two arrives first.
      return before.state === 'stopping' ? undefined : { type: 'recording.stopped', id };
    case 'ready':
      return { type: 'recording.ready', id };
    case 'failed':
      return { type: 'recording.failed', id, reason: after.failure_reason ?? 'unknown' };
    default:
      return undefined;
  }
}

/**
 * Tells the meeting's sockets, the webhook and the metrics about one applied transition. Only
 * the pod whose update won calls it, so each transition is announced once.
 */
export async function announceTransition(
  recordings: Recordings,
  before: RecordingRow,
  after: RecordingRow,
  failure: FailureKind = 'recorder',
): Promise<void> {
  // Joins read "being recorded" from the meeting cache; drop it before anyone hears of the change.
  if (before.state !== after.state)
    await forgetMeetingEverywhere(recordings.bus, after.meeting_code);
  const event = eventOf(before, after);
  if (!event) return;
  if (after.state === 'ready') {
    const seconds = presentRecording(after).durationSeconds;
    if (seconds !== null) recordings.metrics.duration.observe(seconds);
  }
  if (after.state === 'failed') recordings.metrics.failures.inc({ kind: failure });
  recordings.webhooks?.send(event.type, presentRecording(after, recordings.deps?.retentionDays));
  await publishToMeeting(recordings.bus, after.meeting_code, event);
}
