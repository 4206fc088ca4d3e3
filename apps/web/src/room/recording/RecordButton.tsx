import { useState } from 'react';
import { describeError } from '../../api/problem';
import { listRecordings, startRecording, stopRecording } from './recordings-api';
import type { RecordingStatus } from './use-recording';

interface RecordButtonProps {
  code: string;
  status: RecordingStatus;
  onError: (message: string) => void;
}

/** Record / Stop for hosts and co-hosts. The banner follows the socket, not this button. */
export function RecordButton({ code, status, onError }: RecordButtonProps) {
  const [busy, setBusy] = useState(false);
  const [requested, setRequested] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      onError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(async () => {
      await startRecording(code);
      setRequested(true);
    });
  const stop = () =>
    run(async () => {
      // Joined while recording: the socket has not named it yet, so ask which one runs.
      const id = status.id ?? (await listRecordings(code)).find((r) => r.state === 'recording')?.id;
      if (id) await stopRecording(code, id);
      setRequested(false);
    });
  const starting = requested && !status.on && !status.failure;
  return (
    <button
      type="button"
      className={status.on ? 'control on' : 'control'}
      aria-pressed={status.on}
      disabled={busy || starting}
      data-testid="record-toggle"
      title={status.on ? 'Stop recording' : 'Record this meeting'}
      onClick={() => void (status.on ? stop() : start())}
    >
      {status.on ? 'Stop recording' : starting ? 'Starting…' : 'Record'}
    </button>
  );
}
