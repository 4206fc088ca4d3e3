import { useLocalParticipant, useRoomContext } from '@livekit/components-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeEvents } from '../../realtime/RealtimeContext';
import { ensureMicrophoneAllowed } from '../microphone-permission';

/** "The host asks you to unmute": nobody is unmuted remotely, the person decides. */
export function UnmutePrompt({ onError }: { onError: (message: string) => void }) {
  const { t } = useTranslation('room');
  const { localParticipant } = useLocalParticipant();
  const room = useRoomContext();
  const [by, setBy] = useState<string | null>(null);
  const unmuteButton = useRef<HTMLButtonElement>(null);
  useRealtimeEvents((m) => {
    if (m.type === 'unmute.requested') setBy(m.by);
  });
  useEffect(() => {
    if (by) unmuteButton.current?.focus();
  }, [by]);
  if (!by) return null;

  const unmute = () => {
    setBy(null);
    ensureMicrophoneAllowed(localParticipant, room.name)
      .then(() => localParticipant.setMicrophoneEnabled(true))
      .catch(() => onError(t('unmutePrompt.failed')));
  };
  return (
    <div
      className="prompt"
      role="alertdialog"
      aria-labelledby="unmute-prompt-title"
      data-testid="unmute-prompt"
      onKeyDown={(e) => e.key === 'Escape' && setBy(null)}
    >
      <p id="unmute-prompt-title">{t('unmutePrompt.title')}</p>
      <p className="muted">{t('unmutePrompt.body', { name: by })}</p>
      <div className="row-actions">
        <button
          type="button"
          ref={unmuteButton}
          onClick={unmute}
          aria-label={t('unmutePrompt.unmuteLabel')}
        >
          {t('unmutePrompt.unmute')}
        </button>
        <button type="button" className="secondary" onClick={() => setBy(null)}>
          {t('unmutePrompt.notNow')}
        </button>
      </div>
    </div>
  );
}
