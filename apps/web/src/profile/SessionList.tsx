import type { AccountSession } from '@gomeet/protocol';
import { useState } from 'react';
import { describeError } from '../api/problem';
import { clearSession } from '../api/session-store';
import { signOutEverywhere, signOutSession } from '../auth/account-api';
import { formatDateTime } from '../i18n/format';
import { ErrorNote } from '../ui/ErrorNote';
import { useTranslation } from 'react-i18next';

/**
 * The account's signed-in sessions: sign out another one, or everywhere (this browser
 * included). `onChange` reloads the list.
 */
export function SessionList({
  sessions,
  onChange,
}: {
  sessions: AccountSession[] | null;
  onChange: () => void;
}) {
  const { t } = useTranslation('profile');
  const [failure, setFailure] = useState<string | null>(null);
  const attempt = async (work: () => Promise<void>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(describeError(error));
    }
  };
  const signOutAll = () => {
    if (!window.confirm(t('sessions.confirmSignOutAll'))) return;
    void attempt(async () => {
      await signOutEverywhere();
      clearSession();
    });
  };
  const signOutOne = (id: string) =>
    void attempt(async () => {
      await signOutSession(id);
      onChange();
    });

  return (
    <>
      {sessions === null ? (
        <p className="muted">{t('sessions.loading')}</p>
      ) : (
        <ul className="sessions" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id}>
              {t('sessions.lastActive', { when: formatDateTime(s.lastActiveAt) })}
              {s.current ? (
                <strong> {t('sessions.thisBrowser')}</strong>
              ) : (
                <button type="button" className="secondary" onClick={() => signOutOne(s.id)}>
                  {t('sessions.signOut')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={failure} />
      <button type="button" className="secondary" onClick={signOutAll}>
        {t('sessions.signOutAll')}
      </button>
    </>
  );
}
