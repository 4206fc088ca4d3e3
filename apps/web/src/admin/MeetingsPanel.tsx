import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/problem';
import { formatNumber } from '../i18n/format';
import { ErrorNote } from '../ui/ErrorNote';
import { endLiveMeeting, listLiveMeetings } from './admin-api';
import { useLoader } from './use-loader';
import { toTheSecond } from './when';

const REFRESH_MS = 10_000;

/** Meetings in progress, how many are in each, and End for each. */
export function MeetingsPanel() {
  const { t } = useTranslation('admin');
  const { value: meetings, error, setError, reload } = useLoader(listLiveMeetings);
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const end = async (code: string, title: string) => {
    if (!window.confirm(t('meetings.confirmEnd', { title }))) return;
    try {
      await endLiveMeeting(code);
    } catch (e) {
      setError(describeError(e));
    }
    await reload();
  };

  return (
    <>
      <div className="admin-toolbar">
        <button type="button" className="secondary" onClick={() => void reload()}>
          {t('meetings.refresh')}
        </button>
      </div>
      <ErrorNote message={error} />
      {meetings === null ? (
        <p className="muted">{t('loading')}</p>
      ) : meetings.length === 0 ? (
        <p className="muted">{t('meetings.empty')}</p>
      ) : (
        <table className="admin-table" data-testid="live-meetings">
          <thead>
            <tr>
              <th scope="col">{t('meetings.meeting')}</th>
              <th scope="col">{t('meetings.host')}</th>
              <th scope="col">{t('meetings.started')}</th>
              <th scope="col">{t('meetings.inItNow')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.code} data-code={m.code}>
                <td>
                  {m.title}
                  <br />
                  <code className="muted">{m.code}</code>
                </td>
                <td>{m.hostName}</td>
                <td>{m.startedAt ? toTheSecond(m.startedAt) : '—'}</td>
                <td data-testid="participants">
                  {formatNumber(m.participants)} / {formatNumber(m.maxParticipants)}
                </td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('meetings.endMeeting', { title: m.title })}
                    onClick={() => void end(m.code, m.title)}
                  >
                    {t('meetings.end')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
