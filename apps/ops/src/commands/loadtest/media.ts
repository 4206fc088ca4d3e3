import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  VideoStream,
  type RemoteTrack,
  type RemoteTrackPublication,
} from '@livekit/rtc-node';

/** What a media bot does in the room. */
export interface BotPlan {
  /** Send synthetic video (simulcast) and audio. */
  publish: boolean;
  /** Receive media; false keeps only the LiveKit connection (a control-plane client). */
  subscribe: boolean;
  /** Video tracks a subscriber takes: the web app shows one page of tiles. */
  videoPage: number;
  width: number;
  height: number;
  fps: number;
  /** Stop reading a track's frames into JS after this many (0: read all); the track stays subscribed. */
  frameSample?: number;
}

/** A bot's media counters, read at the end. */
export interface BotMedia {
  connectMs: number;
  /** ms from connected to the first decoded remote video frame (null: none arrived). */
  firstFrameMs: number | null;
  videoFrames: number;
  audioTracks: number;
  videoTracks: number;
  bytesSent: number;
  bytesReceived: number;
  packetsSent: number;
  packetsReceived: number;
}

/** A connected bot; `stop` ends its loops and leaves the room. */
export interface MediaBot {
  /** The rtc-node room; null when it lives in another process (control-pool.ts). */
  room: Room | null;
  media: BotMedia;
  stop(): Promise<void>;
}

/** Counters of a bot that has received nothing yet. */
export function emptyMedia(connectMs = 0): BotMedia {
  return {
    connectMs,
    firstFrameMs: null,
    videoFrames: 0,
    audioTracks: 0,
    videoTracks: 0,
    bytesSent: 0,
    bytesReceived: 0,
    packetsSent: 0,
    packetsReceived: 0,
  };
}

const SAMPLE_RATE = 48_000;
const AUDIO_MS = 20;

/** Handles rtc-node freed twice, counted instead of ending the run (see {@link guardHandleDrops}). */
export let droppedHandleErrors = 0;
let guarded = false;

/**
 * rtc-node 0.13 sometimes throws "trying to drop an invalid handle" from a finalizer after many
 * rooms have come and gone (a handle the room's teardown already freed); it escapes as an
 * uncaught exception. For a load generator that is noise, so it is counted, not fatal.
 */
export function guardHandleDrops(): void {
  if (guarded) return;
  guarded = true;
  process.on('uncaughtException', (error) => {
    if (/trying to drop an invalid handle/.test(String(error))) {
      droppedHandleErrors += 1;
      return;
    }
    throw error;
  });
}

/** Connects to LiveKit as a participant and starts publishing/subscribing per `plan`. */
export async function startMediaBot(url: string, token: string, plan: BotPlan): Promise<MediaBot> {
  guardHandleDrops();
  const room = new Room();
  const started = performance.now();
  const media = emptyMedia();
  let stopped = false;
  const loops: Promise<void>[] = [];
  let connectedAt = 0;

  const take = (pub: RemoteTrackPublication) => {
    if (!plan.subscribe) return;
    if (pub.kind === TrackKind.KIND_AUDIO) pub.setSubscribed(true);
    else if (pub.kind === TrackKind.KIND_VIDEO && media.videoTracks < plan.videoPage) {
      media.videoTracks += 1;
      pub.setSubscribed(true);
    }
  };
  room.on(RoomEvent.TrackPublished, (pub) => take(pub));
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
    if (track.kind === TrackKind.KIND_AUDIO) {
      media.audioTracks += 1;
      return;
    }
    loops.push(readFrames(track));
  });
  const readFrames = async (track: RemoteTrack) => {
    let reader: ReadableStreamDefaultReader<unknown>;
    try {
      reader = new VideoStream(track).getReader();
    } catch {
      // The track went away between the event and here (its FFI handle is gone).
      return;
    }
    let seen = 0;
    try {
      while (!stopped) {
        const { done } = await reader.read();
        if (done) break;
        media.videoFrames += 1;
        media.firstFrameMs ??= performance.now() - connectedAt;
        // Copying every decoded frame into JS is the bots' own bottleneck at scale.
        if (plan.frameSample && ++seen >= plan.frameSample) {
          await reader.cancel();
          return;
        }
      }
    } catch {
      // The track ended with the room.
    } finally {
      reader.releaseLock();
    }
  };

  await room.connect(url, token, { autoSubscribe: false, dynacast: true });
  connectedAt = performance.now();
  media.connectMs = connectedAt - started;
  for (const p of room.remoteParticipants.values())
    for (const pub of p.trackPublications.values()) take(pub);

  if (plan.publish && room.localParticipant) {
    loops.push(...(await publishSynthetic(room, plan, () => stopped)));
  }

  return {
    room,
    media,
    stop: async () => {
      stopped = true;
      // Bounded: on an overloaded machine the FFI answers late, and leaving must not hang the run.
      await within(5_000, readStats(room, media));
      await within(5_000, room.disconnect());
      await Promise.race([
        Promise.allSettled(loops),
        new Promise((r) => setTimeout(r, 2_000).unref()),
      ]);
    },
  };
}

async function publishSynthetic(
  room: Room,
  plan: BotPlan,
  stopped: () => boolean,
): Promise<Promise<void>[]> {
  const local = room.localParticipant!;
  const video = new VideoSource(plan.width, plan.height);
  const videoTrack = LocalVideoTrack.createVideoTrack('camera', video);
  // Simulcast: LiveKit's SDK sends up to three layers from the one source at this size.
  await local.publishTrack(
    videoTrack,
    new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: true }),
  );
  const audio = new AudioSource(SAMPLE_RATE, 1);
  const audioTrack = LocalAudioTrack.createAudioTrack('microphone', audio);
  await local.publishTrack(
    audioTrack,
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
  );

  const videoLoop = async () => {
    const size = plan.width * plan.height;
    const data = new Uint8Array(size * 1.5);
    let n = 0;
    while (!stopped()) {
      // A moving gradient: the encoder has something to send every frame.
      const shift = (n * 4) % 256;
      for (let i = 0; i < size; i += 1) data[i] = ((i % plan.width) + shift) & 0xff;
      data.fill(128, size);
      video.captureFrame(new VideoFrame(data, plan.width, plan.height, VideoBufferType.I420));
      n += 1;
      await sleep(1000 / plan.fps);
    }
  };
  const audioLoop = async () => {
    const samples = (SAMPLE_RATE * AUDIO_MS) / 1000;
    const pcm = new Int16Array(samples);
    let phase = 0;
    while (!stopped()) {
      for (let i = 0; i < samples; i += 1, phase += 1)
        pcm[i] = Math.round(3000 * Math.sin((2 * Math.PI * 440 * phase) / SAMPLE_RATE));
      await audio.captureFrame(new AudioFrame(pcm, SAMPLE_RATE, 1, samples));
    }
  };
  return [videoLoop(), audioLoop()];
}

/** Sums the transports' bytes and packets of both peer connections into `media`. */
async function readStats(room: Room, media: BotMedia): Promise<void> {
  const stats = await room.getRtcStats();
  for (const s of [...stats.publisherStats, ...stats.subscriberStats]) {
    if (s.stats.case !== 'transport') continue;
    const t = s.stats.value.transport;
    media.bytesSent += Number(t?.bytesSent ?? 0n);
    media.bytesReceived += Number(t?.bytesReceived ?? 0n);
    media.packetsSent += Number(t?.packetsSent ?? 0n);
    media.packetsReceived += Number(t?.packetsReceived ?? 0n);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `work` at most `ms`; its failure is ignored (leaving must not hang a run). */
export async function within(ms: number, work: Promise<unknown>): Promise<void> {
  await Promise.race([work.catch(() => undefined), new Promise((r) => setTimeout(r, ms).unref())]);
}
