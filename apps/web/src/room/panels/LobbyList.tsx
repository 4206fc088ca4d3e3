import type { LobbyList as Lobby } from '@gomeet/protocol';
import { useEffect, useState } from 'react';
import { admit, admitAll, deny, denyAll, getTurnedAway } from '../../api/host-controls';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { ErrorNote } from '../../ui/ErrorNote';
import { useHostAction } from './use-host-action';

/** Hosts and co-hosts: who waits in the lobby, longest first, to let in or turn away. */
export function LobbyList({ code }: { code: string }) {
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
    <section className="lobby-list" aria-label="Waiting in the lobby" data-testid="lobby-list">
      <h3>Waiting in the lobby ({lobby.length})</h3>
      <ul>
        {lobby.map((e) => (
          <li key={e.identity} data-testid="lobby-entry" data-identity={e.identity}>
            <span className="person-name">{e.name}</span>
            <span className="row-actions">
              <button
                type="button"
                aria-label={`Admit ${e.name}`}
                disabled={busy}
                onClick={() => run(() => admit(code, e.identity))}
              >
                Admit
              </button>
              <button
                type="button"
                className="secondary"
                aria-label={`Deny ${e.name}`}
                disabled={busy}
                onClick={() => run(() => deny(code, e.identity))}
              >
                Deny
              </button>
            </span>
          </li>
        ))}
      </ul>
      {turnedAway.length > 0 && (
        <ul className="turned-away" aria-label="Turned away earlier" data-testid="turned-away">
          {turnedAway.map((p) => (
            <li key={p.identity} className="muted">
              {p.state} earlier: {p.name}
            </li>
          ))}
        </ul>
      )}
      {lobby.length > 1 && (
        <div className="row-actions">
          <button
            type="button"
            aria-label="Admit everyone waiting"
            disabled={busy}
            onClick={() => run(() => admitAll(code))}
          >
            Admit all
          </button>
          <button
            type="button"
            className="secondary"
            aria-label="Deny everyone waiting"
            disabled={busy}
            onClick={() => run(() => denyAll(code))}
          >
            Deny all
          </button>
        </div>
      )}
      <ErrorNote message={error} testId="lobby-error" />
    </section>
  );
}
