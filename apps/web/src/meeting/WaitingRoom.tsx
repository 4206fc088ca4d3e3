import type { RealtimeStatus } from '../realtime/realtime-client';
import { Link } from '../ui/Link';

/** Shown while the lobby holds us; the socket says when the host lets us in. */
export function WaitingRoom({ title, status }: { title: string; status: RealtimeStatus }) {
  return (
    <main className="exit" data-testid="waiting-room" data-status={status} aria-busy="true">
      <h1>Waiting for the host to let you in</h1>
      <p role="status">
        You are in the lobby of <strong>{title}</strong>. You will join as soon as the host admits
        you.
      </p>
      {status === 'reconnecting' && (
        <p className="muted" role="status">
          Connection lost. Reconnecting…
        </p>
      )}
      <Link className="button secondary" href="/">
        Leave
      </Link>
    </main>
  );
}
