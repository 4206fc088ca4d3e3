import type { ConnectionPhase } from './use-room-connection';

/** Says what is happening while the media connection is not up. */
export function ConnectionBanner({ phase }: { phase: ConnectionPhase }) {
  if (phase === 'connected') return null;
  return (
    <div className="banner" role="status" data-testid={`banner-${phase}`}>
      {phase === 'reconnecting' ? 'Connection lost. Reconnecting…' : 'Connecting to the meeting…'}
    </div>
  );
}
