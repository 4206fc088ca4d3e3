/**
 * Media bots for the tests that run the all-in-one server in a test network namespace: each
 * connects with a GoMeet join answer, publishes synthetic video and a 440 Hz tone, and counts
 * what it receives from the others.
 */
import {
  AudioFrame,
  AudioSource,
  AudioStream,
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
  type RemoteParticipant,
} from '@livekit/rtc-node';

const WIDTH = 160;
const HEIGHT = 120;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POSTs JSON to the server (with a bearer token when given); throws on a non-2xx answer. */
export async function api(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** What one bot received from the others. */
export interface Received {
  identity: string;
  /** Frames of the other bot's tracks. */
  videoFrames: number;
  audioFrames: number;
  from: string[];
}

/** A bot: connects with a GoMeet join answer, publishes, counts what arrives from others. */
export async function startBot(url: string, token: string) {
  const room = new Room();
  let stopped = false;
  const loops: Promise<unknown>[] = [];
  const got: Received = { identity: '', videoFrames: 0, audioFrames: 0, from: [] };
  room.on(
    RoomEvent.TrackSubscribed,
    (track: RemoteTrack, _pub: unknown, who: RemoteParticipant) => {
      if (!got.from.includes(who.identity)) got.from.push(who.identity);
      const video = track.kind === TrackKind.KIND_VIDEO;
      const stream = video ? new VideoStream(track) : new AudioStream(track);
      loops.push(
        (async () => {
          const reader = stream.getReader();
          try {
            while (!stopped) {
              const { done } = await reader.read();
              if (done) break;
              if (video) got.videoFrames += 1;
              else got.audioFrames += 1;
            }
          } catch {
            // The track ended with the room.
          } finally {
            reader.releaseLock();
          }
        })(),
      );
    },
  );
  await room.connect(url, token, { autoSubscribe: true, dynacast: false });
  got.identity = room.localParticipant?.identity ?? '';
  const local = room.localParticipant!;
  const video = new VideoSource(WIDTH, HEIGHT);
  await local.publishTrack(
    LocalVideoTrack.createVideoTrack('camera', video),
    new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: false }),
  );
  const audio = new AudioSource(48_000, 1);
  await local.publishTrack(
    LocalAudioTrack.createAudioTrack('microphone', audio),
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
  );
  loops.push(
    (async () => {
      const data = new Uint8Array(WIDTH * HEIGHT * 1.5);
      for (let n = 0; !stopped; n++) {
        data.fill((n * 8) & 0xff, 0, WIDTH * HEIGHT).fill(128, WIDTH * HEIGHT);
        video.captureFrame(new VideoFrame(data, WIDTH, HEIGHT, VideoBufferType.I420));
        await sleep(66);
      }
    })(),
    (async () => {
      const pcm = new Int16Array(480);
      for (let phase = 0; !stopped;) {
        for (let i = 0; i < pcm.length; i++, phase++)
          pcm[i] = Math.round(3000 * Math.sin((2 * Math.PI * 440 * phase) / 48_000));
        await audio.captureFrame(new AudioFrame(pcm, 48_000, 1, pcm.length));
      }
    })(),
  );
  return {
    got,
    stop: async () => {
      stopped = true;
      await room.disconnect().catch(() => undefined);
      await Promise.race([Promise.allSettled(loops), sleep(2_000)]);
    },
  };
}
