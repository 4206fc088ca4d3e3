import './recurrence.css';
import type { Meeting, Occurrence } from '@gomeet/protocol';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('dashboard');
  if (!meeting.recurrence) return null;
  return (
    <div className="occurrences">
      <span className="muted">
        {t('occurrences.summary', { rule: describeRepeat(meeting.recurrence) })}
      </span>
      <ErrorNote message={error} />
      <ul
        aria-label={t('occurrences.listLabel', { title: meeting.title })}
        data-testid="occurrences"
      >
        {occurrences.map((o) => (
          <li key={o.id} data-testid="occurrence" className={o.cancelled ? 'cancelled' : undefined}>
            {occurrenceWhen(o)}
            {o.title !== meeting.title ? ` · ${o.title}` : ''}
            {o.cancelled
              ? ` · ${t('occurrences.cancelled')}`
              : o.edited
                ? ` · ${t('occurrences.changed')}`
                : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
