import type { Meeting } from '@gomeet/protocol';
import { useState } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links';
import { downloadInvite } from './invite-api';

/** Add-to-calendar for a host: Google and Outlook links, and the .ics file. */
export function CalendarLinks({ meeting: m }: { meeting: Meeting }) {
  const [error, setError] = useState<string | null>(null);
  const download = () => downloadInvite(m.code).catch((e: unknown) => setError(describeError(e)));
  return (
    <details className="meeting-panel">
      <summary aria-label={`Add to calendar: ${m.title}`}>Add to calendar</summary>
      <p>
        <a href={googleCalendarUrl(m)} target="_blank" rel="noreferrer">
          Google Calendar
        </a>{' '}
        ·{' '}
        <a href={outlookCalendarUrl(m)} target="_blank" rel="noreferrer">
          Outlook
        </a>{' '}
        ·{' '}
        <button type="button" className="secondary" onClick={() => void download()}>
          Download .ics
        </button>
      </p>
      <ErrorNote message={error} testId="invite-error" />
    </details>
  );
}
