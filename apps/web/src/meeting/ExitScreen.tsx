import { Link } from '../ui/Link';
import type { ExitReason } from './stage';

const TEXT: Record<ExitReason, { title: string; detail: string; rejoin: boolean }> = {
  ended: {
    title: 'This meeting has ended',
    detail: 'The host ended it for everyone.',
    rejoin: false,
  },
  left: { title: 'You left the meeting', detail: 'See you next time.', rejoin: true },
  removed: {
    title: 'You were removed from this meeting',
    detail: 'The host removed you. You cannot join it again.',
    rejoin: false,
  },
  denied: {
    title: 'The host did not let you in',
    detail: 'Your request to join this meeting was declined.',
    rejoin: false,
  },
  locked: {
    title: 'This meeting is locked',
    detail: 'The host is not letting anyone new in. Ask them to unlock it, then try again.',
    rejoin: true,
  },
  elsewhere: {
    title: 'You joined from somewhere else',
    detail: 'This meeting is open in another tab or device, so this one was closed.',
    rejoin: true,
  },
  lost: {
    title: 'Connection lost',
    detail: 'Your connection to the meeting dropped and could not be restored.',
    rejoin: true,
  },
  unreachable: {
    title: 'Cannot reach the media server',
    detail:
      'Your browser could not connect to the video server. Check your network or VPN, or ask the admin whether it is running.',
    rejoin: true,
  },
};

/** The screen after the room: why you are out, and where to go next. */
export function ExitScreen({ reason, onRejoin }: { reason: ExitReason; onRejoin: () => void }) {
  const text = TEXT[reason];
  return (
    <main className="exit" data-testid="exit-screen" data-reason={reason}>
      <h1 data-testid={reason === 'ended' ? 'meeting-ended' : undefined}>{text.title}</h1>
      <p>{text.detail}</p>
      <div className="actions">
        {text.rejoin && (
          <button type="button" onClick={onRejoin}>
            Rejoin
          </button>
        )}
        <Link className="button secondary" href="/">
          Back to home
        </Link>
      </div>
    </main>
  );
}
