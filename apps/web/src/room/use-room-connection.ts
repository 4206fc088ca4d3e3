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
import { encryptionFor, startEncryption, stopEncryption } from '../e2ee/room-encryption';
import { i18n } from '../i18n';
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

function createRoom(join: Joined): Room {
  return new Room({
    // End-to-end encrypted meetings only: the key provider and the E2EE worker.
    ...encryptionFor(join),
    // Video is sized to its element and paused when off screen; publishers only send the
    // simulcast layers someone is watching.
    adaptiveStream: true,
    dynacast: true,
    // One peer connection per direction. With the single one (livekit-client's default) the
    // browser builds an offer before it even opens the signalling socket, and every
    // subscription waits for LiveKit to ask for new media sections and for a second offer:
    // about 150-400 ms more before the first remote frame (bench/join-time.ts).
    singlePeerConnection: false,
    publishDefaults: {
      simulcast: true,
      videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
    },
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
  });
}

/**
 * The connection begun as soon as the join answer arrived (connectEarly), before React has
 * drawn the room: its first render takes 50-250 ms that signalling and ICE can use instead.
 */
let early: { join: Joined; room: Room; connecting: Promise<void> } | undefined;

function connect(room: Room, join: Joined): Promise<void> {
  performance.mark('gomeet:connect-start');
  room
    .once(RoomEvent.SignalConnected, () => performance.mark('gomeet:signal-connected'))
    .on(RoomEvent.TrackSubscribed, (t) => {
      if (t.kind === Track.Kind.Video) performance.mark('gomeet:video-subscribed');
    });
  return startEncryption(room, join).then(() =>
    room.connect(join.livekitUrl, join.token, {
      // Video is subscribed per visible tile (see use-visible-subscriptions); audio always.
      autoSubscribe: false,
      ...rtcConfigFor(join.iceServers),
    }),
  );
}

/** Starts connecting to the room of a join answer; the room's useRoomConnection takes it over. */
export function connectEarly(join: Joined): void {
  if (early?.join === join) return;
  // A connection nobody took over (a second answer replaced the first) must not linger.
  void early?.room.disconnect();
  const room = createRoom(join);
  const connecting = connect(room, join);
  // Failures are reported by useRoomConnection, which awaits this same promise.
  connecting.catch(() => undefined);
  early = { join, room, connecting };
}

/** The early connection for `join` if there is one (handed out once), else a new room. */
function takeRoom(join: Joined): { room: Room; connecting?: Promise<void> } {
  if (early?.join !== join) return { room: createRoom(join) };
  const taken = early;
  early = undefined;
  return taken;
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
  const { room, connecting: earlyConnecting } = useMemo(() => takeRoom(join), [join]);
  const pending = useRef(earlyConnecting);
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
            ? i18n.t('media.blocked', { ns: 'room' })
            : e.message,
        );
      });

    const { choices: c, micOnEntry: mic } = startRef.current;
    // An early connection serves the first run only; a later one (a new join) connects anew.
    const connecting = pending.current ?? connect(room, join);
    pending.current = undefined;
    connecting
      .then(async () => {
        performance.mark('gomeet:connected');
        if (done) return;
        // An early connection may have got there before the listeners above were added.
        everConnected = true;
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
      void room.disconnect().then(() => stopEncryption(room));
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
