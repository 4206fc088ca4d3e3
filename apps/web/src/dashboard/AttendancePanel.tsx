import './meeting-panels.css';
import type { AttendanceReport, Role } from '@gomeet/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/problem';
import { formatDateTime, formatNumber } from '../i18n/format';
import { ErrorNote } from '../ui/ErrorNote';
import { downloadAttendance, getAttendance } from './attendance-api';

const time = (iso: string) => formatDateTime(iso, { dateStyle: 'short', timeStyle: 'short' });

const ROLES = {
  host: 'attendance.roles.host',
  'co-host': 'attendance.roles.coHost',
  participant: 'attendance.roles.participant',
  guest: 'attendance.roles.guest',
} as const satisfies Record<Role, string>;

/** A host's view of who joined a meeting, when and for how long; loaded when opened. */
export function AttendancePanel({ code, title }: { code: string; title: string }) {
  const { t } = useTranslation('dashboard');
  const [report, setReport] = useState<AttendanceReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    getAttendance(code).then(setReport, (e: unknown) => setError(describeError(e)));
  };
  const download = () => downloadAttendance(code).catch((e: unknown) => setError(describeError(e)));
  const people = report?.attendees ?? [];
  return (
    <details className="meeting-panel" onToggle={(e) => e.currentTarget.open && load()}>
      <summary aria-label={t('attendance.summaryLabel', { title })}>
        {t('attendance.summary')}
      </summary>
      <ErrorNote message={error} testId="attendance-error" />
      {report && people.length === 0 && <p className="muted">{t('attendance.empty')}</p>}
      {people.length > 0 && (
        <>
          <table data-testid="attendance-table">
            <thead>
              <tr>
                <th scope="col">{t('attendance.name')}</th>
                <th scope="col">{t('attendance.role')}</th>
                <th scope="col">{t('attendance.firstJoined')}</th>
                <th scope="col">{t('attendance.lastLeft')}</th>
                <th scope="col">{t('attendance.minutes')}</th>
                <th scope="col">{t('attendance.stays')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.identity}>
                  <td>{p.name}</td>
                  <td>{t(ROLES[p.role])}</td>
                  <td>{time(p.firstJoinedAt)}</td>
                  <td>{p.lastLeftAt ? time(p.lastLeftAt) : t('attendance.stillIn')}</td>
                  <td>{formatNumber(p.totalMinutes)}</td>
                  <td>{formatNumber(p.stays)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="secondary" onClick={() => void download()}>
            {t('attendance.downloadCsv')}
          </button>
        </>
      )}
    </details>
  );
}
