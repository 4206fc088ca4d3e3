import './recording.css';
import type { Recording } from '@gomeet/protocol';
import { useState } from 'react';
import { describeError } from '../../api/problem';
import { ErrorNote } from '../../ui/ErrorNote';
import { downloadRecording, listRecordings } from './recordings-api';

const STATE_TEXT: Record<Recording['state'], string> = {
  requested: 'starting',
  starting: 'starting',
  recording: 'recording now',
  stopping: 'finishing',
  uploading: 'saving',
  ready: 'ready',
  failed: 'failed',
};

function describe(r: Recording): string {
  const at = new Date(r.requestedAt).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const length = r.durationSeconds ? ` · ${Math.round(r.durationSeconds / 60)} min` : '';
  const failed = r.state === 'failed' ? `: ${r.failureReason ?? ''}` : '';
  const partial = r.partial ? ' (partial file kept)' : '';
  return `${at}${length} · ${STATE_TEXT[r.state]}${failed}${partial}`;
}

/** A host's list of a meeting's recordings, with download links; loaded when opened. */
export function MeetingRecordings({ code, title }: { code: string; title: string }) {
  const [list, setList] = useState<Recording[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    listRecordings(code).then(setList, (e: unknown) => setError(describeError(e)));
  };
  const download = (id: string) =>
    downloadRecording(code, id).catch((e: unknown) => setError(describeError(e)));
  return (
    <details className="meeting-recordings" onToggle={(e) => e.currentTarget.open && load()}>
      <summary aria-label={`Recordings of ${title}`}>Recordings</summary>
      <ErrorNote message={error} testId="recordings-error" />
      {list?.length === 0 && <p className="muted">No recordings yet.</p>}
      <ul data-testid="recordings-list">
        {list?.map((r) => (
          <li key={r.id} data-state={r.state}>
            <span>{describe(r)}</span>{' '}
            {r.downloadable && (
              <button type="button" className="secondary" onClick={() => void download(r.id)}>
                Download
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
