import { useState } from 'react';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';
import { FloatingReactions } from './FloatingReactions';
import { UnmutePrompt } from './UnmutePrompt';
import { useMediaPresence } from './use-media-presence';

interface RoomOverlaysProps {
  onOpenPeople: () => void;
  onError: (message: string) => void;
  peopleOpen: boolean;
}

/** What the socket brings on top of the stage: lobby banner, host-mute notice, prompts, reactions. */
export function RoomOverlays({ onOpenPeople, onError, peopleOpen }: RoomOverlaysProps) {
  const { state } = useRealtimeContext();
  const [mutedNote, setMutedNote] = useState<string | null>(null);
  useMediaPresence((by, source) =>
    setMutedNote(
      source === 'microphone' ? `${by} muted your microphone.` : `${by} turned off your camera.`,
    ),
  );
  const waiting = state.lobby.length;

  return (
    <>
      {state.status === 'reconnecting' && (
        <div className="banner" role="status" data-testid="realtime-reconnecting">
          Chat and participant updates are reconnecting…
        </div>
      )}
      {isHost(state.you?.role) && waiting > 0 && !peopleOpen && (
        <div className="notice lobby-banner" role="status" data-testid="lobby-banner">
          {waiting === 1
            ? `${state.lobby[0]?.name ?? 'Someone'} is waiting in the lobby.`
            : `${waiting} people are waiting in the lobby.`}{' '}
          <button type="button" className="small" onClick={onOpenPeople}>
            Review
          </button>
        </div>
      )}
      {mutedNote && (
        <div className="notice" role="status" data-testid="muted-by-host">
          {mutedNote}{' '}
          <button
            type="button"
            className="secondary small"
            aria-label="Dismiss"
            onClick={() => setMutedNote(null)}
          >
            OK
          </button>
        </div>
      )}
      <UnmutePrompt onError={onError} />
      <FloatingReactions />
    </>
  );
}
