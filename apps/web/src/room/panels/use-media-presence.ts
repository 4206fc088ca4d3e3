import { useLocalParticipant } from '@livekit/components-react';
import { useEffect } from 'react';
import { useRealtimeContext, useRealtimeEvents } from '../../realtime/RealtimeContext';

/**
 * Tells everyone our mic and camera state (presence) whenever it changes and after every
 * welcome; when a host mutes us, LiveKit has already muted the track, and we follow locally
 * so the buttons and presence agree.
 */
export function useMediaPresence(onMutedByHost: (by: string, source: string) => void) {
  const { send, state } = useRealtimeContext();
  const { localParticipant, isMicrophoneEnabled, isCameraEnabled } = useLocalParticipant();

  useEffect(() => {
    if (state.status !== 'open' || state.you?.state !== 'joined') return;
    send({ type: 'media', mic: isMicrophoneEnabled, camera: isCameraEnabled });
  }, [send, state.status, state.welcomes, state.you?.state, isMicrophoneEnabled, isCameraEnabled]);

  useRealtimeEvents((m) => {
    if (m.type !== 'muted') return;
    const done =
      m.source === 'microphone'
        ? localParticipant.setMicrophoneEnabled(false)
        : localParticipant.setCameraEnabled(false);
    done.catch(() => undefined);
    onMutedByHost(m.by, m.source);
  });
}
