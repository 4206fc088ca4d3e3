import type { LobbyList as Lobby } from '@gomeet/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { admit, admitAll, deny, denyAll, getTurnedAway } from '../../api/host-controls';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { ErrorNote } from '../../ui/ErrorNote';
import { useHostAction } from './use-host-action';

/** Hosts and co-hosts: who waits in the lobby, longest first, to let in or turn away. */
export function LobbyList({ code }: { code: string }) {
  const { t } = useTranslation('room');
  const { lobby } = useRealtimeContext().state;
  const { run, error, busy } = useHostAction();
  const [turnedAway, setTurnedAway] = useState<Lobby['turnedAway']>([]);
  // Whenever someone new waits, re-read who was turned away: a removed guest may be back.
  useEffect(() => {
    if (lobby.length === 0) return;
    let live = true;
    getTurnedAway(code)
      .then((people) => live && setTurnedAway(people))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, lobby.length]);
  if (lobby.length === 0) return null;
  return (
    <section className="lobby-list" aria-label={t('lobby.region')} data-testid="lobby-list">
      <h3>{t('lobby.heading', { n: lobby.length })}</h3>
      <ul>
        {lobby.map((e) => (
          <li key={e.identity} data-testid="lobby-entry" data-identity={e.identity}>
            <span className="person-name">{e.name}</span>
            <span className="row-actions">
              <button
                type="button"
                aria-label={t('lobby.admitName', { name: e.name })}
                disabled={busy}
                onClick={() => run(() => admit(code, e.identity))}
              >
                {t('lobby.admit')}
              </button>
              <button
                type="button"
                className="secondary"
                aria-label={t('lobby.denyName', { name: e.name })}
                disabled={busy}
                onClick={() => run(() => deny(code, e.identity))}
              >
                {t('lobby.deny')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {turnedAway.length > 0 && (
        <ul className="turned-away" aria-label={t('lobby.turnedAway')} data-testid="turned-away">
          {turnedAway.map((p) => (
            <li key={p.identity} className="muted">
              {p.state === 'removed'
                ? t('lobby.removedEarlier', { name: p.name })
                : t('lobby.deniedEarlier', { name: p.name })}
            </li>
          ))}
        </ul>
      )}
      {lobby.length > 1 && (
        <div className="row-actions">
          <button
            type="button"
            aria-label={t('lobby.admitAllLabel')}
            disabled={busy}
            onClick={() => run(() => admitAll(code))}
          >
            {t('lobby.admitAll')}
          </button>
          <button
            type="button"
            className="secondary"
            aria-label={t('lobby.denyAllLabel')}
            disabled={busy}
            onClick={() => run(() => denyAll(code))}
          >
            {t('lobby.denyAll')}
          </button>
        </div>
      )}
      <ErrorNote message={error} testId="lobby-error" />
    </section>
  );
}
