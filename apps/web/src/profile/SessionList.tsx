import type { AccountSession } from '@gomeet/protocol';
import { clearSession } from '../api/session-store';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { signOutEverywhere } from '../auth/account-api';
import { useState } from 'react';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The account's signed-in sessions and "sign out everywhere" (this browser included). */
export function SessionList({ sessions }: { sessions: AccountSession[] | null }) {
  const [failure, setFailure] = useState<string | null>(null);

  const signOutAll = async () => {
    if (!window.confirm('Sign out everywhere, this browser included?')) return;
    try {
      await signOutEverywhere();
      clearSession();
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  return (
    <>
      {sessions === null ? (
        <p className="muted">Loading sessions…</p>
      ) : (
        <ul className="sessions" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id}>
              Last active {when.format(new Date(s.lastActiveAt))}
              {s.current && <strong> (this browser)</strong>}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={failure} />
      <button type="button" className="secondary" onClick={() => void signOutAll()}>
        Sign out everywhere
      </button>
    </>
  );
}
