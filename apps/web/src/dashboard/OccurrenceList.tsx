import './recurrence.css';
import type { Meeting, Occurrence } from '@gomeet/protocol';
import { ErrorNote } from '../ui/ErrorNote';
import { describeRepeat } from './RepeatFields';
import { occurrenceWhen } from './occurrences';

/** A recurring meeting's repeat rule and its next occurrences, changed or cancelled ones marked. */
export function OccurrenceList({
  meeting,
  occurrences,
  error,
}: {
  meeting: Meeting;
  occurrences: Occurrence[];
  error: string | null;
}) {
  if (!meeting.recurrence) return null;
  return (
    <div className="occurrences">
      <span className="muted">{describeRepeat(meeting.recurrence)} · the same link every time</span>
      <ErrorNote message={error} />
      <ul aria-label={`Next dates of ${meeting.title}`} data-testid="occurrences">
        {occurrences.map((o) => (
          <li key={o.id} data-testid="occurrence" className={o.cancelled ? 'cancelled' : undefined}>
            {occurrenceWhen(o)}
            {o.title !== meeting.title ? ` · ${o.title}` : ''}
            {o.cancelled ? ' · cancelled' : o.edited ? ' · changed' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
