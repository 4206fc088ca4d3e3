import { useState } from 'react';
import { useRealtimeEvents } from '../../realtime/RealtimeContext';

/** The meeting's recording as everyone in the room knows it. */
export interface RecordingStatus {
  /** Capture is running. */
  on: boolean;
  /** The running recording's id, when a socket event said it (the join answer does not). */
  id: string | null;
  /** Why the last recording failed, until another starts. */
  failure: string | null;
}

/**
 * Follows `recording.*` socket events from the join answer's `recording` flag on, so a late
 * joiner sees the banner from the start and everyone sees it appear, stop and fail.
 */
export function useRecording(initiallyOn: boolean): RecordingStatus {
  const [status, setStatus] = useState<RecordingStatus>({
    on: initiallyOn,
    id: null,
    failure: null,
  });
  useRealtimeEvents((m) => {
    switch (m.type) {
      case 'recording.started':
        return setStatus({ on: true, id: m.id, failure: null });
      case 'recording.stopped':
      case 'recording.ready':
        return setStatus((s) => ({ ...s, on: false, id: null }));
      case 'recording.failed':
        return setStatus({ on: false, id: null, failure: m.reason });
    }
  });
  return status;
}
