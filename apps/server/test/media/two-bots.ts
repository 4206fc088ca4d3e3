/**
 * Run inside a test network namespace (see media-beyond-loopback.test.ts): starts the all-in-one
 * server with HOST=192.0.2.1 and its embedded LiveKit, lets two @livekit/rtc-node bots in through
 * GoMeet's own join answers (a signed-in host and a guest), has each publish synthetic video and
 * audio, and prints one JSON line: what each bot received from the other.
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
import { startGoMeet } from '../../src/index.js';

const HOST = process.env.BOTS_HOST ?? '192.0.2.1';
const WIDTH = 160;
const HEIGHT = 120;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api(base: string, path: string, body: unknown, token?: string) {
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

interface Received {
  identity: string;
  /** Frames of the other bot's tracks. */
  videoFrames: number;
  audioFrames: number;
  from: string[];
}

/** A bot: connects with a GoMeet join answer, publishes, counts what arrives from others. */
async function startBot(url: string, token: string) {
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

async function main(): Promise<void> {
  const gomeet = await startGoMeet({
    host: HOST,
    logLevel: false,
    env: {
      LIVEKIT_API_KEY: 'netnskey',
      LIVEKIT_API_SECRET: 'netns-secret-of-at-least-thirty-two-chars',
      TURN_BIN: 'off',
    },
  });
  const bots: Awaited<ReturnType<typeof startBot>>[] = [];
  try {
    const base = `http://${HOST}:${new URL(gomeet.url).port}`;
    const host = await api(base, '/api/auth/register', {
      email: `host-${Date.now()}@example.test`,
      password: 'correct horse battery',
      displayName: 'Host bot',
    });
    const meeting = await api(
      base,
      '/api/meetings',
      { title: 'Beyond loopback', settings: { lobby: false } },
      host.accessToken as string,
    );
    const code = meeting.code as string;
    const guest = await api(base, '/api/auth/guest', {
      meetingCode: code,
      displayName: 'Guest bot',
    });
    const answers = [
      await api(base, `/api/meetings/${code}/join`, {}, host.accessToken as string),
      await api(base, `/api/meetings/${code}/join`, {}, guest.accessToken as string),
    ];
    for (const a of answers) bots.push(await startBot(a.livekitUrl as string, a.token as string));
    // Done once each bot has a second of the other's media, or after 20 s.
    const deadline = Date.now() + 20_000;
    while (
      Date.now() < deadline &&
      !bots.every((b) => b.got.videoFrames >= 10 && b.got.audioFrames >= 50)
    )
      await sleep(200);
    console.log(
      JSON.stringify({
        livekitUrls: answers.map((a) => a.livekitUrl),
        media: gomeet.media,
        bots: bots.map((b) => b.got),
      }),
    );
  } finally {
    for (const b of bots) await b.stop();
    await gomeet.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.log(JSON.stringify({ error: String((error as Error).stack ?? error) }));
    process.exit(1);
  },
);
