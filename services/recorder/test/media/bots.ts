import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';

/** The tone the talking bot sends; the recording's sound must carry it. */
export const TONE_HZ = 440;

interface LiveKitAccess {
  url: string;
  apiKey: string;
  apiSecret: string;
}

async function botToken(lk: LiveKitAccess, room: string, identity: string): Promise<string> {
  const token = new AccessToken(lk.apiKey, lk.apiSecret, { identity, ttl: '10m' });
  token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
  return token.toJwt();
}

/** A bot in `room`: with `talk`, it publishes a 440 Hz tone and a moving grey-level picture. */
export async function joinBot(
  lk: LiveKitAccess,
  room: string,
  identity: string,
  talk: boolean,
): Promise<{ leave(): Promise<void> }> {
  const session = new Room();
  await session.connect(lk.url, await botToken(lk, room, identity), {
    autoSubscribe: true,
    dynacast: false,
  });
  let running = true;
  const loops: Promise<void>[] = [];
  if (talk) {
    const width = 320;
    const height = 240;
    const video = new VideoSource(width, height);
    const sound = new AudioSource(48_000, 1);
    const local = session.localParticipant!;
    await local.publishTrack(
      LocalVideoTrack.createVideoTrack('camera', video),
      new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: false }),
    );
    await local.publishTrack(
      LocalAudioTrack.createAudioTrack('microphone', sound),
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    loops.push(
      (async () => {
        const picture = new Uint8Array(width * height * 1.5);
        for (let n = 0; running; n++) {
          picture.fill(40 + ((n * 4) % 180), 0, width * height).fill(128, width * height);
          video.captureFrame(new VideoFrame(picture, width, height, VideoBufferType.I420));
          await new Promise((r) => setTimeout(r, 50));
        }
      })(),
      (async () => {
        // 10 ms frames; captureFrame paces them in real time.
        const samples = new Int16Array(480);
        for (let t = 0; running;) {
          for (let i = 0; i < samples.length; i++, t++)
            samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * TONE_HZ * t) / 48_000));
          await sound.captureFrame(new AudioFrame(samples, 48_000, 1, samples.length));
        }
      })(),
    );
  }
  return {
    async leave() {
      running = false;
      await session.disconnect().catch(() => undefined);
      await Promise.race([Promise.allSettled(loops), new Promise((r) => setTimeout(r, 2_000))]);
    },
  };
}
