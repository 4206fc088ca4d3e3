import type { AccountSession } from '@gomeet/protocol';
import { useState } from 'react';
import { describeError } from '../api/problem';
import { clearSession } from '../api/session-store';
import { signOutEverywhere, signOutSession } from '../auth/account-api';
import { ErrorNote } from '../ui/ErrorNote';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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
    if (!window.confirm('Sign out everywhere, this browser included?')) return;
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
        <p className="muted">Loading sessions…</p>
      ) : (
        <ul className="sessions" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id}>
              Last active {when.format(new Date(s.lastActiveAt))}
              {s.current ? (
                <strong> (this browser)</strong>
              ) : (
                <button type="button" className="secondary" onClick={() => signOutOne(s.id)}>
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={failure} />
      <button type="button" className="secondary" onClick={signOutAll}>
        Sign out everywhere
      </button>
    </>
  );
}
