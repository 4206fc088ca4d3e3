import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('room');
  const { state } = useRealtimeContext();
  const [muted, setMuted] = useState<{ by: string; source: string } | null>(null);
  useMediaPresence((by, source) => setMuted({ by, source }));
  const waiting = state.lobby.length;

  return (
    <>
      {state.status === 'reconnecting' && (
        <div className="banner" role="status" data-testid="realtime-reconnecting">
          {t('connection.realtimeReconnecting')}
        </div>
      )}
      {isHost(state.you?.role) && waiting > 0 && !peopleOpen && (
        <div className="notice lobby-banner" role="status" data-testid="lobby-banner">
          {waiting === 1
            ? t('lobby.oneWaiting', { name: state.lobby[0]?.name ?? t('lobby.someone') })
            : t('lobby.manyWaiting', { count: waiting })}{' '}
          <button type="button" className="small" onClick={onOpenPeople}>
            {t('lobby.review')}
          </button>
        </div>
      )}
      {muted && (
        <div className="notice" role="status" data-testid="muted-by-host">
          {muted.source === 'microphone'
            ? t('notices.mutedMicrophone', { name: muted.by })
            : t('notices.turnedOffCamera', { name: muted.by })}{' '}
          <button
            type="button"
            className="secondary small"
            aria-label={t('notices.dismiss')}
            onClick={() => setMuted(null)}
          >
            {t('notices.ok')}
          </button>
        </div>
      )}
      <UnmutePrompt onError={onError} />
      <FloatingReactions />
    </>
  );
}
