import './admin.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredSession } from '../api/session-store';
import { Link } from '../ui/Link';
import { ErrorNote } from '../ui/ErrorNote';
import { recordingStorage } from './admin-api';
import { AuditPanel } from './AuditPanel';
import { MeetingsPanel } from './MeetingsPanel';
import { RecordingsPanel } from './RecordingsPanel';
import { UsagePanel } from './UsagePanel';
import { UsersPanel } from './UsersPanel';
import { useLoader } from './use-loader';

type Tab = 'meetings' | 'users' | 'usage' | 'recordings' | 'audit';

/** /admin: live meetings, accounts, usage, recording storage and the audit log, for admins. */
export default function AdminPage({ session }: { session: StoredSession }) {
  const { t } = useTranslation('admin');
  const [tab, setTab] = useState<Tab>('meetings');
  // Asked first: its answer also says whether this account may be here at all.
  const { value: storage, error } = useLoader(recordingStorage);
  const tabs: Tab[] = ['meetings', 'users', 'usage'];
  if (storage && storage.recordings > 0) tabs.push('recordings');
  tabs.push('audit');

  return (
    <main className="dashboard admin">
      <header className="topbar">
        <h1>{t('page.title')}</h1>
        <span className="muted">{session.user.email}</span>
        <Link className="button secondary" href="/">
          {t('page.backToMeetings')}
        </Link>
      </header>
      {error ? (
        <ErrorNote message={error} />
      ) : (
        <>
          <div role="tablist" aria-label={t('page.tabsLabel')} className="tabs">
            {tabs.map((name) => (
              <button
                key={name}
                role="tab"
                type="button"
                id={`tab-${name}`}
                aria-selected={tab === name}
                aria-controls={`panel-${name}`}
                className={tab === name ? 'tab active' : 'tab'}
                onClick={() => setTab(name)}
              >
                {t(`tabs.${name}`)}
              </button>
            ))}
          </div>
          <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'meetings' && <MeetingsPanel />}
            {tab === 'users' && <UsersPanel myId={session.user.id} />}
            {tab === 'usage' && <UsagePanel />}
            {tab === 'recordings' && storage && <RecordingsPanel storage={storage} />}
            {tab === 'audit' && <AuditPanel />}
          </section>
        </>
      )}
    </main>
  );
}
