import type { Meeting } from '@gomeet/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links';
import { downloadInvite } from './invite-api';

/** Add-to-calendar for a host: Google and Outlook links, and the .ics file. */
export function CalendarLinks({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation('dashboard');
  const [error, setError] = useState<string | null>(null);
  const download = () => downloadInvite(m.code).catch((e: unknown) => setError(describeError(e)));
  return (
    <details className="meeting-panel">
      <summary aria-label={t('calendar.summaryLabel', { title: m.title })}>
        {t('calendar.summary')}
      </summary>
      <p>
        <a href={googleCalendarUrl(m)} target="_blank" rel="noreferrer">
          {t('calendar.google')}
        </a>{' '}
        ·{' '}
        <a href={outlookCalendarUrl(m)} target="_blank" rel="noreferrer">
          {t('calendar.outlook')}
        </a>{' '}
        ·{' '}
        <button type="button" className="secondary" onClick={() => void download()}>
          {t('calendar.downloadIcs')}
        </button>
      </p>
      <ErrorNote message={error} testId="invite-error" />
    </details>
  );
}
