import './meeting-panels.css';
import type { AttendanceReport } from '@gomeet/protocol';
import { useState } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { downloadAttendance, getAttendance } from './attendance-api';

const time = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** A host's view of who joined a meeting, when and for how long; loaded when opened. */
export function AttendancePanel({ code, title }: { code: string; title: string }) {
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
      <summary aria-label={`Attendance of ${title}`}>Attendance</summary>
      <ErrorNote message={error} testId="attendance-error" />
      {report && people.length === 0 && <p className="muted">Nobody has joined yet.</p>}
      {people.length > 0 && (
        <>
          <table data-testid="attendance-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">First joined</th>
                <th scope="col">Last left</th>
                <th scope="col">Minutes</th>
                <th scope="col">Stays</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.identity}>
                  <td>{p.name}</td>
                  <td>{p.role}</td>
                  <td>{time(p.firstJoinedAt)}</td>
                  <td>{p.lastLeftAt ? time(p.lastLeftAt) : 'still in'}</td>
                  <td>{p.totalMinutes}</td>
                  <td>{p.stays}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="secondary" onClick={() => void download()}>
            Download CSV
          </button>
        </>
      )}
    </details>
  );
}
