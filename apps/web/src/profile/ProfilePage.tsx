import './profile.css';
import type { AccountSession } from '@gomeet/protocol';
import { useCallback, useEffect, useState } from 'react';
import { listSessions } from '../auth/account-api';
import { Link } from '../ui/Link';
import type { StoredSession } from '../api/session-store';
import { DisplayNameForm } from './DisplayNameForm';
import { PasswordForm } from './PasswordForm';
import { SessionList } from './SessionList';
import { useTranslation } from 'react-i18next';

/** /profile: the signed-in account's name, password and sessions. */
export function ProfilePage({ session }: { session: StoredSession }) {
  const { t } = useTranslation('profile');
  const [sessions, setSessions] = useState<AccountSession[] | null>(null);
  const reload = useCallback(() => {
    listSessions()
      .then(setSessions)
      .catch(() => setSessions([]));
  }, []);
  useEffect(reload, [reload]);

  return (
    <main className="dashboard profile">
      <header className="topbar">
        <h1>{t('page.heading')}</h1>
        <span className="muted">{session.user.email}</span>
        <Link className="button secondary" href="/">
          {t('page.backToMeetings')}
        </Link>
      </header>
      <section aria-labelledby="name-heading">
        <h2 id="name-heading">{t('page.nameHeading')}</h2>
        <DisplayNameForm current={session.user.displayName} />
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t('page.passwordHeading')}</h2>
        <PasswordForm onChanged={reload} />
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('page.sessionsHeading')}</h2>
        <SessionList sessions={sessions} onChange={reload} />
      </section>
    </main>
  );
}
