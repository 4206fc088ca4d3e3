import { Link } from '../ui/Link';

/** Shown while the lobby holds us; the join is retried in the background. */
export function WaitingRoom({ title }: { title: string }) {
  return (
    <main className="exit" data-testid="waiting-room" aria-busy="true">
      <h1>Waiting for the host to let you in</h1>
      <p role="status">
        You are in the lobby of <strong>{title}</strong>. You will join as soon as the host admits
        you.
      </p>
      <Link className="button secondary" href="/">
        Leave
      </Link>
    </main>
  );
}
