import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../i18n/format';
import { ErrorNote } from '../ui/ErrorNote';
import { usage } from './admin-api';
import { useLoader } from './use-loader';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A UTC day ("2031-03-04") as a date in the current language. */
const showDay = (day: string) =>
  formatDate(`${day}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

/** Meeting minutes and peak concurrent participants per UTC day. */
export function UsagePanel() {
  const { t } = useTranslation('admin');
  const [range, setRange] = useState(() => ({
    from: isoDay(Date.now() - 29 * DAY_MS),
    to: isoDay(Date.now()),
  }));
  const load = useCallback(() => usage(range.from, range.to), [range]);
  const { value, error } = useLoader(load);

  return (
    <>
      <div className="admin-toolbar">
        <label>
          {t('usage.from')}
          <input
            type="date"
            value={range.from}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
        </label>
        <label>
          {t('usage.to')}
          <input
            type="date"
            value={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </label>
        <span className="muted">{t('usage.daysAreUtc')}</span>
      </div>
      <ErrorNote message={error} />
      {value && (
        <table className="admin-table" data-testid="usage">
          <thead>
            <tr>
              <th scope="col">{t('usage.day')}</th>
              <th scope="col">{t('usage.meetings')}</th>
              <th scope="col">{t('usage.meetingMinutes')}</th>
              <th scope="col">{t('usage.participantMinutes')}</th>
              <th scope="col">{t('usage.peak')}</th>
            </tr>
          </thead>
          <tbody>
            {[...value.days].reverse().map((d) => (
              <tr key={d.date}>
                <td>{showDay(d.date)}</td>
                <td>{formatNumber(d.meetings)}</td>
                <td>{formatNumber(d.meetingMinutes)}</td>
                <td>{formatNumber(d.participantMinutes)}</td>
                <td>{formatNumber(d.peakConcurrentParticipants)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('usage.total')}</th>
              <td />
              <td>{formatNumber(value.totals.meetingMinutes)}</td>
              <td>{formatNumber(value.totals.participantMinutes)}</td>
              <td>{formatNumber(value.totals.peakConcurrentParticipants)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
