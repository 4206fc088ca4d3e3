import type { Meeting, Occurrence } from '@gomeet/protocol';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/problem';
import { listOccurrences } from './recurrence-api';

/** A recurring meeting's next occurrences (none loaded for a one-off), with a reload. */
export function useOccurrences(meeting: Meeting) {
  const recurring = Boolean(meeting.recurrence);
  const [occurrences, setOccurrences] = useState<Occurrence[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    if (!recurring) return;
    try {
      setOccurrences(await listOccurrences(meeting.code));
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, [meeting.code, recurring]);
  useEffect(() => {
    void reload();
    // The series itself may have changed (an edit reloads the list with a new meeting object).
  }, [reload, meeting]);
  return { occurrences, error, reload };
}

/** An occurrence's date and time, with its length, as the dashboard shows it. */
export function occurrenceWhen(o: Occurrence): string {
  const date = new Date(o.startsAt).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return o.durationMinutes ? `${date} · ${o.durationMinutes} min` : date;
}
