import type { Meeting, Occurrence } from '@gomeet/protocol';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/problem';
import { i18n } from '../i18n';
import { formatDateTime, formatNumber } from '../i18n/format';
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

/** A length in minutes, short, in the current language: "60 min". */
export const minutes = (n: number): string =>
  i18n.t('duration.short', { ns: 'dashboard', n: formatNumber(n) });

/** An occurrence's date and time, with its length, as the dashboard shows it. */
export function occurrenceWhen(o: Occurrence): string {
  const date = formatDateTime(o.startsAt, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return o.durationMinutes ? `${date} · ${minutes(o.durationMinutes)}` : date;
}
