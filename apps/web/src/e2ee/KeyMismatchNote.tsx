import { useRemoteParticipants, useRoomContext } from '@livekit/components-react';
import { RoomEvent, type Participant } from 'livekit-client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Worker errors that are not about the key (a transform being set up again). */
const NOT_THE_KEY = /no active decrypt transform/i;

/**
 * Says plainly when media cannot be decrypted, instead of black tiles and silence: LiveKit reports
 * each participant whose frames fail to decrypt. All of them failing means this browser's key is
 * the odd one out; some failing means theirs are.
 */
export function KeyMismatchNote() {
  const { t } = useTranslation('e2ee');
  const room = useRoomContext();
  const remotes = useRemoteParticipants();
  const [failing, setFailing] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const onError = (error: Error, participant?: Participant) => {
      if (!participant || participant.isLocal || NOT_THE_KEY.test(error.message)) return;
      setFailing((f) => (f.has(participant.identity) ? f : new Set(f).add(participant.identity)));
    };
    room.on(RoomEvent.EncryptionError, onError);
    return () => {
      room.off(RoomEvent.EncryptionError, onError);
    };
  }, [room]);

  const cannot = remotes.filter((p) => failing.has(p.identity));
  if (cannot.length === 0) return null;
  const message =
    cannot.length === remotes.length
      ? t('mismatch.yours')
      : t('mismatch.theirs', { names: cannot.map((p) => p.name || p.identity).join(', ') });
  return (
    <p className="error-note" role="alert" data-testid="e2ee-key-mismatch">
      {message}
    </p>
  );
}
