import { useEffect } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { endLiveMeeting, listLiveMeetings } from './admin-api';
import { useLoader } from './use-loader';

const REFRESH_MS = 10_000;

/** Meetings in progress, how many are in each, and End for each. */
export function MeetingsPanel() {
  const { value: meetings, error, setError, reload } = useLoader(listLiveMeetings);
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const end = async (code: string, title: string) => {
    if (!window.confirm(`End “${title}” for everyone in it now?`)) return;
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
          Refresh
        </button>
      </div>
      <ErrorNote message={error} />
      {meetings === null ? (
        <p className="muted">Loading…</p>
      ) : meetings.length === 0 ? (
        <p className="muted">No meeting is in progress.</p>
      ) : (
        <table className="admin-table" data-testid="live-meetings">
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Host</th>
              <th scope="col">Started</th>
              <th scope="col">In it now</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                <td>{m.startedAt ? new Date(m.startedAt).toLocaleString() : '—'}</td>
                <td data-testid="participants">
                  {m.participants} / {m.maxParticipants}
                </td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`End ${m.title}`}
                    onClick={() => void end(m.code, m.title)}
                  >
                    End
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
