import { useRemoteParticipants, useRoomContext } from '@livekit/components-react';
import { RoomEvent, type Participant } from 'livekit-client';
import { useEffect, useState } from 'react';

/** Worker errors that are not about the key (a transform being set up again). */
const NOT_THE_KEY = /no active decrypt transform/i;

/**
 * Says plainly when media cannot be decrypted, instead of black tiles and silence: LiveKit reports
 * each participant whose frames fail to decrypt. All of them failing means this browser's key is
 * the odd one out; some failing means theirs are.
 */
export function KeyMismatchNote() {
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
      ? 'Your key does not match: you can’t see or hear others. Open the invite link again, or ask the host for it.'
      : `You can’t see or hear ${cannot.map((p) => p.name || p.identity).join(', ')}: their key does not match yours.`;
  return (
    <p className="error-note" role="alert" data-testid="e2ee-key-mismatch">
      {message}
    </p>
  );
}
