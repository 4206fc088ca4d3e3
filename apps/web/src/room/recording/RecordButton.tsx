import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('recording');
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
      title={status.on ? t('button.stop') : t('button.recordTitle')}
      onClick={() => void (status.on ? stop() : start())}
    >
      {status.on ? t('button.stop') : starting ? t('button.starting') : t('button.record')}
    </button>
  );
}
