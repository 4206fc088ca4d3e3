import { useCallback, useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { usage } from './admin-api';
import { useLoader } from './use-loader';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Meeting minutes and peak concurrent participants per UTC day. */
export function UsagePanel() {
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
          From
          <input
            type="date"
            value={range.from}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </label>
        <span className="muted">Days are UTC.</span>
      </div>
      <ErrorNote message={error} />
      {value && (
        <table className="admin-table" data-testid="usage">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Meetings</th>
              <th scope="col">Meeting minutes</th>
              <th scope="col">Participant minutes</th>
              <th scope="col">Peak at once</th>
            </tr>
          </thead>
          <tbody>
            {[...value.days].reverse().map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.meetings}</td>
                <td>{d.meetingMinutes}</td>
                <td>{d.participantMinutes}</td>
                <td>{d.peakConcurrentParticipants}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td>{value.totals.meetingMinutes}</td>
              <td>{value.totals.participantMinutes}</td>
              <td>{value.totals.peakConcurrentParticipants}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
