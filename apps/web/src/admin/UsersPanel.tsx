import type { AdminUser } from '@gomeet/protocol';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/problem';
import { intlLanguage } from '../i18n';
import { formatNumber } from '../i18n/format';
import { ErrorNote } from '../ui/ErrorNote';
import { actOnUser, listUsers, type UserAction } from './admin-api';
import { useLoader } from './use-loader';

/** The question each action asks first (its key; the account's address goes in). */
const CONFIRM = {
  disable: 'users.confirmDisable',
  enable: 'users.confirmEnable',
  'force-password-reset': 'users.confirmForcePasswordReset',
} as const satisfies Record<UserAction, string>;

type StatusKey =
  | 'users.statusAdmin'
  | 'users.statusDisabled'
  | 'users.statusResetRequired'
  | 'users.statusUnconfirmed';

/** An account's state as the keys of its words, none for an active one. */
function statusOf(u: AdminUser): StatusKey[] {
  const parts: StatusKey[] = [];
  if (u.admin) parts.push('users.statusAdmin');
  if (u.disabledAt) parts.push('users.statusDisabled');
  if (u.passwordResetRequired) parts.push('users.statusResetRequired');
  if (!u.emailVerified) parts.push('users.statusUnconfirmed');
  return parts;
}

/** "Disabled, Address not confirmed": the words listed the way the language lists them. */
const listed = (items: string[]) =>
  new Intl.ListFormat(intlLanguage(), { style: 'short', type: 'unit' }).format(items);

/** Accounts: search, disable or enable, force a password reset. */
export function UsersPanel({ myId }: { myId: string }) {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const load = useCallback(() => listUsers(q), [q]);
  const { value, error, setError, reload } = useLoader(load);

  const act = async (u: AdminUser, action: UserAction) => {
    if (!window.confirm(t(CONFIRM[action], { email: u.email }))) return;
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
          {t('users.search')}
          <input
            type="search"
            value={search}
            placeholder={t('users.searchPlaceholder')}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <button type="submit" className="secondary">
          {t('users.searchButton')}
        </button>
      </form>
      <ErrorNote message={error} />
      {value === null ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <>
          <p className="muted">
            {value.total > value.users.length
              ? t('users.partial', {
                  total: t('users.total', { count: value.total, n: formatNumber(value.total) }),
                  n: formatNumber(value.users.length),
                })
              : t('users.total', { count: value.total, n: formatNumber(value.total) })}
          </p>
          <table className="admin-table" data-testid="users">
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actionsColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {value.users.map((u) => (
                <tr key={u.id} data-email={u.email}>
                  <td>{u.displayName}</td>
                  <td>{u.email}</td>
                  <td data-testid="status">
                    {statusOf(u).length > 0
                      ? listed(statusOf(u).map((key) => t(key)))
                      : t('users.statusActive')}
                  </td>
                  <td>
                    <div className="admin-actions">
                      {u.id === myId ? (
                        <span className="muted">{t('users.you')}</span>
                      ) : (
                        <>
                          {u.disabledAt ? (
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => void act(u, 'enable')}
                            >
                              {t('users.enable')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="danger"
                              onClick={() => void act(u, 'disable')}
                            >
                              {t('users.disable')}
                            </button>
                          )}
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void act(u, 'force-password-reset')}
                          >
                            {t('users.forcePasswordReset')}
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
