import './recording.css';
import type { Recording } from '@gomeet/protocol';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/problem';
import { formatDateTime } from '../../i18n/format';
import { ErrorNote } from '../../ui/ErrorNote';
import { downloadRecording, listRecordings } from './recordings-api';

function describe(r: Recording, t: TFunction<'recording'>): string {
  const at = formatDateTime(r.requestedAt, { dateStyle: 'medium', timeStyle: 'short' });
  const length = r.durationSeconds
    ? ` · ${t('list.minutes', { count: Math.round(r.durationSeconds / 60) })}`
    : '';
  const state =
    r.state === 'failed'
      ? t('list.failed', { reason: r.failureReason ?? '' })
      : t(`state.${r.state}`);
  const partial = r.partial ? ` ${t('list.partial')}` : '';
  return `${at}${length} · ${state}${partial}`;
}

/** A host's list of a meeting's recordings, with download links; loaded when opened. */
export function MeetingRecordings({ code, title }: { code: string; title: string }) {
  const { t } = useTranslation('recording');
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
      <summary aria-label={t('list.summaryLabel', { title })}>{t('list.summary')}</summary>
      <ErrorNote message={error} testId="recordings-error" />
      {list?.length === 0 && <p className="muted">{t('list.empty')}</p>}
      <ul data-testid="recordings-list">
        {list?.map((r) => (
          <li key={r.id} data-state={r.state}>
            <span>{describe(r, t)}</span>{' '}
            {r.downloadable && (
              <button type="button" className="secondary" onClick={() => void download(r.id)}>
                {t('list.download')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
