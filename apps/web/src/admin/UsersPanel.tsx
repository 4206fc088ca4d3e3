import type { AdminUser } from '@gomeet/protocol';
import { useCallback, useState, type FormEvent } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { actOnUser, listUsers, type UserAction } from './admin-api';
import { useLoader } from './use-loader';

const CONFIRM: Record<UserAction, (u: AdminUser) => string> = {
  disable: (u) => `Disable ${u.email}? Their sessions end now and they cannot sign in.`,
  enable: (u) => `Let ${u.email} sign in again?`,
  'force-password-reset': (u) =>
    `Make ${u.email} choose a new password? Their sessions end and a reset link is mailed.`,
};

function statusOf(u: AdminUser): string {
  const parts: string[] = [];
  if (u.admin) parts.push('Admin');
  if (u.disabledAt) parts.push('Disabled');
  if (u.passwordResetRequired) parts.push('Must set a new password');
  if (!u.emailVerified) parts.push('Address not confirmed');
  return parts.join(', ') || 'Active';
}

/** Accounts: search, disable or enable, force a password reset. */
export function UsersPanel({ myId }: { myId: string }) {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const load = useCallback(() => listUsers(q), [q]);
  const { value, error, setError, reload } = useLoader(load);

  const act = async (u: AdminUser, action: UserAction) => {
    if (!window.confirm(CONFIRM[action](u))) return;
    try {
      await actOnUser(u.id, action);
    } catch (e) {
      setError(describeError(e));
    }
    await reload();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(search);
  };

  return (
    <>
      <form className="admin-toolbar" role="search" onSubmit={submit}>
        <label>
          Search accounts
          <input
            type="search"
            value={search}
            placeholder="Email or name"
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <ErrorNote message={error} />
      {value === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted">
            {value.total === 1 ? '1 account' : `${value.total} accounts`}
            {value.total > value.users.length ? ` (the newest ${value.users.length} shown)` : ''}
          </p>
          <table className="admin-table" data-testid="users">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {value.users.map((u) => (
                <tr key={u.id} data-email={u.email}>
                  <td>{u.displayName}</td>
                  <td>{u.email}</td>
                  <td data-testid="status">{statusOf(u)}</td>
                  <td>
                    <div className="admin-actions">
                      {u.id === myId ? (
                        <span className="muted">You</span>
                      ) : (
                        <>
                          {u.disabledAt ? (
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => void act(u, 'enable')}
                            >
                              Enable
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="danger"
                              onClick={() => void act(u, 'disable')}
                            >
                              Disable
                            </button>
                          )}
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void act(u, 'force-password-reset')}
                          >
                            Force password reset
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
