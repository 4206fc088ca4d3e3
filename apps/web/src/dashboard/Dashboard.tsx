import type { Meeting } from '@gomeet/protocol';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { logout } from '../api/auth';
import { createMeeting, deleteMeeting } from '../api/meetings';
import { describeError } from '../api/problem';
import type { StoredSession } from '../api/session-store';
import { navigate } from '../router';
import { CopyButton } from '../ui/CopyButton';
import { ErrorNote } from '../ui/ErrorNote';
import { Link } from '../ui/Link';
import { JoinByCodeForm } from '../auth/JoinByCodeForm';
import { inviteLink } from '../e2ee/meeting-key';
import { MeetingRow } from './MeetingRow';
import { ScheduleForm } from './ScheduleForm';
import { useMeetings } from './use-meetings';

/** My meetings: start one now, schedule one, copy invite links. */
export function Dashboard({ session }: { session: StoredSession }) {
  const { t } = useTranslation('dashboard');
  const { list, error, reload } = useMeetings();
  const [scheduling, setScheduling] = useState(false);
  const [created, setCreated] = useState<Meeting | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // An ended meeting's exit screen links here with ?chat={code}: that row's chat opens.
  const [chatToOpen] = useState(() => new URLSearchParams(location.search).get('chat'));

  // An instant meeting is shared with people about to talk now, so it opens without a lobby.
  const startInstant = async () => {
    try {
      const m = await createMeeting({
        title: t('newMeeting.instantTitle', { name: session.user.displayName }),
        settings: { lobby: false },
      });
      navigate(`/m/${m.code}`);
    } catch (e) {
      setFailure(describeError(e));
    }
  };
  const remove = async (code: string) => {
    if (!window.confirm(t('confirmDelete'))) return;
    await deleteMeeting(code).catch((e: unknown) => setFailure(describeError(e)));
    await reload();
  };

  return (
    <main className="dashboard">
      <header className="topbar">
        <h1>GoMeet</h1>
        <span className="muted">{t('topbar.signedInAs', { name: session.user.displayName })}</span>
        <Link className="button secondary" href="/profile">
          {t('topbar.profile')}
        </Link>
        {session.user.admin && (
          <Link className="button secondary" href="/admin">
            {t('topbar.admin')}
          </Link>
        )}
        <button type="button" className="secondary" onClick={() => void logout()}>
          {t('topbar.signOut')}
        </button>
      </header>
      <section className="actions" aria-label={t('newMeeting.sectionLabel')}>
        <button type="button" onClick={() => void startInstant()}>
          {t('newMeeting.start')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={scheduling}
          onClick={() => setScheduling((s) => !s)}
        >
          {t('newMeeting.schedule')}
        </button>
        <JoinByCodeForm />
      </section>
      <ErrorNote message={failure ?? error} />
      {scheduling && (
        <ScheduleForm
          onCreated={(m) => {
            setCreated(m);
            setScheduling(false);
            void reload();
          }}
        />
      )}
      {created && (
        <section className="card created" aria-live="polite" data-testid="created-meeting">
          <p>
            <Trans
              t={t}
              i18nKey="created.ready"
              values={{ title: created.title, link: inviteLink(created).link }}
              components={{ strong: <strong />, code: <code data-testid="invite-link" /> }}
            />
          </p>
          <CopyButton text={inviteLink(created).link} label={t('created.copyInviteLink')} />{' '}
          <Link className="button" href={`/m/${created.code}`} data-testid="start-created">
            {t('created.startNow')}
          </Link>
        </section>
      )}
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('lists.upcoming')}</h2>
        {list === null ? (
          <p className="muted">{t('lists.loading')}</p>
        ) : list.upcoming.length === 0 ? (
          <p className="muted">{t('lists.noUpcoming')}</p>
        ) : (
          <ul className="meetings">
            {list.upcoming.map((m) => (
              <MeetingRow
                key={m.code}
                meeting={m}
                onDelete={(c) => void remove(c)}
                onEdited={() => void reload()}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t('lists.past')}</h2>
        {list && list.past.length === 0 && <p className="muted">{t('lists.noPast')}</p>}
        {list && list.past.length > 0 && (
          <ul className="meetings">
            {list.past.map((m) => (
              <MeetingRow key={m.code} meeting={m} past openChat={m.code === chatToOpen} />
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
