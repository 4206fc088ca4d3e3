import {
  ConnectionState,
  DisconnectReason,
  MediaDeviceFailure,
  Room,
  RoomEvent,
  Track,
  VideoPresets,
  type RoomConnectOptions,
} from 'livekit-client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExitReason, Joined } from '../meeting/stage';
import type { DeviceChoices } from '../prejoin/device-prefs';
import { describeMediaError } from '../prejoin/media-errors';

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting';

function exitReasonFor(reason: DisconnectReason | undefined): ExitReason {
  switch (reason) {
    case DisconnectReason.ROOM_DELETED:
      return 'ended';
    case DisconnectReason.CLIENT_INITIATED:
      return 'left';
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'removed';
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'elsewhere';
    default:
      return 'lost';
  }
}

function createRoom(): Room {
  return new Room({
    // Video is sized to its element and paused when off screen; publishers only send the
    // simulcast layers someone is watching.
    adaptiveStream: true,
    dynacast: true,
    publishDefaults: {
      simulcast: true,
      videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
    },
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
  });
}

interface Options {
  join: Joined;
  choices: DeviceChoices;
  /** False when the meeting mutes people on entry. */
  micOnEntry: boolean;
  onExit: (reason: ExitReason) => void;
}

/** Connects to the meeting's LiveKit room, publishes the chosen devices, reports how it ends. */
export function useRoomConnection({ join, choices, micOnEntry, onExit }: Options) {
  // One Room per join: a breakout move gets a fresh one, so the components follow it.
  const room = useMemo(() => createRoom(), [join]);
  const [phase, setPhase] = useState<ConnectionPhase>('connecting');

  const [mediaError, setMediaError] = useState<string | null>(null);
  const exitRef = useRef(onExit);
  exitRef.current = onExit;
  const startRef = useRef({ choices, micOnEntry });

  useEffect(() => {
    let done = false;
    let everConnected = false;
    const exit = (reason: ExitReason) => {
      if (done) return;
      done = true;
      exitRef.current(reason);
    };
    room
      .on(RoomEvent.ConnectionStateChanged, (state) => {
        if (state === ConnectionState.Connected) {
          everConnected = true;
          setPhase('connected');
        }
        if (
          state === ConnectionState.Reconnecting ||
          state === ConnectionState.SignalReconnecting
        ) {
          setPhase('reconnecting');
        }
      })
      .on(RoomEvent.Disconnected, (reason) => {
        // Dropped before ever being in: the media server could not be reached.
        exit(
          everConnected || reason === DisconnectReason.CLIENT_INITIATED
            ? exitReasonFor(reason)
            : 'unreachable',
        );
      })
      .on(RoomEvent.MediaDevicesError, (e) => {
        const failure = MediaDeviceFailure.getFailure(e);
        setMediaError(
          failure === MediaDeviceFailure.PermissionDenied
            ? 'Your camera or microphone is blocked. Allow it in the browser’s site settings.'
            : e.message,
        );
      });

    const connectOptions: RoomConnectOptions = {
      // Video is subscribed per visible tile (see use-visible-subscriptions); audio always.
      autoSubscribe: false,
      ...rtcConfigFor(join.iceServers),
    };
    const { choices: c, micOnEntry: mic } = startRef.current;
    performance.mark('gomeet:connect-start');
    room
      .on(RoomEvent.TrackSubscribed, (t) => {
        if (t.kind === Track.Kind.Video) performance.mark('gomeet:video-subscribed');
      })
      .connect(join.livekitUrl, join.token, connectOptions)
      .then(async () => {
        performance.mark('gomeet:connected');
        if (done) return;
        setPhase('connected');
        const lp = room.localParticipant;
        const [camera, microphone] = await Promise.allSettled([
          c.videoEnabled &&
            lp.setCameraEnabled(true, { deviceId: c.videoDeviceId && { ideal: c.videoDeviceId } }),
          c.audioEnabled &&
            mic &&
            lp.setMicrophoneEnabled(true, {
              deviceId: c.audioDeviceId && { ideal: c.audioDeviceId },
            }),
        ]);
        if (camera.status === 'rejected')
          setMediaError(describeMediaError('camera', camera.reason));
        else if (microphone.status === 'rejected') {
          setMediaError(describeMediaError('microphone', microphone.reason));
        }
      })
      .catch(() => exit('unreachable'));

    return () => {
      done = true;
      // A move to another room (a breakout's new join) keeps the camera and microphone as now.
      const lp = room.localParticipant;
      const now = { videoEnabled: lp.isCameraEnabled, audioEnabled: lp.isMicrophoneEnabled };
      startRef.current = { choices: { ...startRef.current.choices, ...now }, micOnEntry: true };
      room.removeAllListeners();
      void room.disconnect();
    };
  }, [room, join]);

  return { room, phase, mediaError };
}

/**
 * ICE servers from the join answer (the only place TURN credentials come from). Relay-only
 * media when localStorage `gomeet.iceTransportPolicy` is explicitly `relay`: a test (and a person
 * checking their TURN server) can force it; nobody gets it by default.
 */
function rtcConfigFor(iceServers: RTCIceServer[]): Pick<RoomConnectOptions, 'rtcConfig'> {
  let policy: string | null = null;
  try {
    policy = localStorage.getItem('gomeet.iceTransportPolicy');
  } catch {
    // Storage blocked: the default policy.
  }
  if (policy === 'relay') return { rtcConfig: { iceServers, iceTransportPolicy: 'relay' } };
  return iceServers.length > 0 ? { rtcConfig: { iceServers } } : {};
}
