import './breakout-banner.css';
import { useState } from 'react';
import { describeError } from '../../api/problem';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';
import { askForHelp, breakoutActions } from './breakouts-api';
import { Countdown } from './Countdown';
import type { Breakouts } from './use-breakouts';

/**
 * What breakout rooms mean for me right now: which room I am in and for how long, a way to ask
 * for a host, the hosts' broadcast, and (hosts) who asks for help and a way to go there.
 */
export function BreakoutBanner({ code, breakout }: { code: string; breakout: Breakouts }) {
  const { state: rt } = useRealtimeContext();
  const host = isHost(rt.you?.role);
  const [note, setNote] = useState<string | null>(null);
  const { state, room, help, broadcast } = breakout;
  const name = state?.rooms.find((r) => r.number === room)?.name;
  const run = (action: () => Promise<unknown>, done?: string) =>
    action().then(
      () => setNote(done ?? null),
      (e: unknown) => setNote(describeError(e)),
    );
  if (!state?.open && !broadcast) return null;
  return (
    <div
      className="breakout-banner"
      role="status"
      data-testid="breakout-banner"
      data-room={room ?? 'main'}
    >
      {room !== null && name && (
        <p>
          You are in <strong>{name}</strong>
          {state?.endsAt && (
            <>
              {' '}
              · <Countdown endsAt={state.endsAt} />
            </>
          )}
          {!host && (
            <button
              type="button"
              className="small secondary"
              onClick={() => void run(() => askForHelp(code), 'A host was asked to come.')}
            >
              Ask for help
            </button>
          )}
          {host && (
            <button
              type="button"
              className="small secondary"
              onClick={() => void run(() => breakoutActions(code).visit(null))}
            >
              Back to the main room
            </button>
          )}
        </p>
      )}
      {room === null && state?.open && (
        <p>
          Breakout rooms are open
          {state.endsAt && (
            <>
              {' '}
              · <Countdown endsAt={state.endsAt} />
            </>
          )}
        </p>
      )}
      {broadcast && (
        <p data-testid="breakout-broadcast">
          <strong>{broadcast.from}:</strong> {broadcast.text}
        </p>
      )}
      {host &&
        help.map((h) => (
          <p key={h.identity} data-testid="breakout-help">
            {h.name} asks for help in Room {h.room}
            <button
              type="button"
              className="small"
              onClick={() => void run(() => breakoutActions(code).visit(h.room))}
            >
              Go to Room {h.room}
            </button>
          </p>
        ))}
      {(note ?? breakout.error) && <p className="muted">{note ?? breakout.error}</p>}
    </div>
  );
}
