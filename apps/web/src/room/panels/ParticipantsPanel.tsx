import type { Presence } from '@gomeet/protocol';
import { muteAll, setLocked } from '../../api/host-controls';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { handQueue, isHost } from '../../realtime/realtime-state';
import { ErrorNote } from '../../ui/ErrorNote';
import { HostMenu } from './HostMenu';
import { LobbyList } from './LobbyList';
import { useHostAction } from './use-host-action';

const ROLE_LABEL: Record<Presence['role'], string | null> = {
  host: 'Host',
  'co-host': 'Co-host',
  participant: null,
  guest: 'Guest',
};

/** Everyone in the meeting: raised hands first in the order raised, then by arrival. */
export function ParticipantsPanel({ code, me }: { code: string; me: string }) {
  const { state } = useRealtimeContext();
  const { run, error, busy } = useHostAction();
  const myRole = state.you?.role;
  const host = isHost(myRole);
  const hands = handQueue(state);
  const handPos = new Map(hands.map((id, i) => [id, i + 1]));
  const people = [...state.participants].sort(
    (a, b) => (handPos.get(a.identity) ?? Infinity) - (handPos.get(b.identity) ?? Infinity),
  );

  return (
    <section className="panel-body" aria-label="Participants" data-testid="participants-panel">
      {host && (
        <div className="row-actions host-tools">
          <button
            type="button"
            className="secondary"
            aria-label="Mute everyone's microphone"
            disabled={busy}
            data-testid="mute-all"
            onClick={() => run(() => muteAll(code))}
          >
            Mute all
          </button>
          <button
            type="button"
            className={state.locked ? 'on' : 'secondary'}
            aria-pressed={state.locked}
            aria-label={state.locked ? 'Unlock the meeting' : 'Lock the meeting'}
            disabled={busy}
            data-testid="lock-toggle"
            onClick={() => run(() => setLocked(code, !state.locked))}
          >
            {state.locked ? 'Locked' : 'Lock meeting'}
          </button>
        </div>
      )}
      <ErrorNote message={error} testId="host-action-error" />
      {host && <LobbyList code={code} />}
      <h3>In the meeting ({people.length})</h3>
      <ul className="people">
        {people.map((p) => (
          <li
            key={p.identity}
            className="person"
            data-testid="participant-row"
            data-identity={p.identity}
            data-mic={p.mic ? 'on' : 'off'}
            data-camera={p.camera ? 'on' : 'off'}
          >
            <span className="person-name">
              {p.name}
              {p.identity === me && ' (you)'}
              {ROLE_LABEL[p.role] && <span className="badge">{ROLE_LABEL[p.role]}</span>}
            </span>
            <span className="person-state">
              {handPos.has(p.identity) && (
                <span
                  className="hand"
                  aria-label={`Hand raised, number ${handPos.get(p.identity)} in the queue`}
                >
                  ✋{handPos.get(p.identity)}
                </span>
              )}
              <span className={p.mic ? 'state on' : 'state off'}>
                {p.mic ? 'Mic on' : 'Mic off'}
              </span>
              <span className={p.camera ? 'state on' : 'state off'}>
                {p.camera ? 'Cam on' : 'Cam off'}
              </span>
            </span>
            {host && p.identity !== me && (
              <HostMenu code={code} person={p} iAmHost={myRole === 'host'} run={run} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
