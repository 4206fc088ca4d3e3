import {
  AudioStream,
  Room,
  RoomEvent,
  TrackKind,
  TrackSource,
  VideoBufferType,
  VideoStream,
  type Participant,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
} from '@livekit/rtc-node';
import { createAudioMix, SAMPLE_RATE, type AudioMix } from './audio-mix.js';
import { clearFrame, drawPicture, FRAME_BYTES, tileRects, type I420Picture } from './compositor.js';
import { chooseLayout, type Layout, type VideoCandidate } from './layout.js';

/** The recorder's view of a room: the mixed sound, and the picture of the video that matters. */
export interface RoomCapture {
  audio: AudioMix;
  /** The composed 1280×720 picture now (redrawn only when a shown track sent a new frame). */
  frame(): Uint8Array;
  /** Resolves with LiveKit's reason when the room goes away (meeting ended, recorder removed). */
  disconnected: Promise<string>;
  close(): Promise<void>;
}

/**
 * Joins `url` with the recorder's token (hidden, subscribe only) and subscribes to every audio
 * track and, unless `audioOnly`, to exactly the video tracks {@link chooseLayout} picks: the
 * rest stay unsubscribed, so LiveKit never sends video nobody records.
 */
export async function joinRoom(
  url: string,
  token: string,
  audioOnly: boolean,
): Promise<RoomCapture> {
  const room = new Room();
  const audio = createAudioMix();
  const canvas = new Uint8Array(FRAME_BYTES);
  clearFrame(canvas);
  const publications = new Map<
    string,
    { pub: RemoteTrackPublication; candidate: VideoCandidate }
  >();
  const pictures = new Map<string, I420Picture>();
  const readers = new Map<string, () => void>();
  let layout: Layout = { kind: 'empty', trackSids: [] };
  let speaker: string | undefined;
  let dirty = true;

  const relayout = () => {
    const next = chooseLayout(
      [...publications.values()].map((p) => p.candidate),
      speaker,
    );
    if (next.trackSids.join() === layout.trackSids.join()) return;
    layout = next;
    for (const [sid, { pub }] of publications) pub.setSubscribed(layout.trackSids.includes(sid));
    clearFrame(canvas);
    dirty = true;
  };

  const onPublished = (pub: RemoteTrackPublication, who: RemoteParticipant) => {
    if (pub.kind === TrackKind.KIND_AUDIO) pub.setSubscribed(true);
    if (pub.kind !== TrackKind.KIND_VIDEO || audioOnly || !pub.sid) return;
    const screen = pub.source === TrackSource.SOURCE_SCREENSHARE;
    publications.set(pub.sid, {
      pub,
      candidate: { trackSid: pub.sid, identity: who.identity, screen },
    });
    relayout();
  };
  const forget = (sid: string | undefined) => {
    if (!sid) return;
    readers.get(sid)?.();
    readers.delete(sid);
    audio.removeTrack(sid);
    pictures.delete(sid);
    if (publications.delete(sid)) relayout();
  };

  const read = <T>(sid: string, stream: ReadableStream<T>, onChunk: (chunk: T) => void) => {
    const reader = stream.getReader();
    readers.set(sid, () => void reader.cancel().catch(() => undefined));
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          onChunk(value);
        }
      } catch {
        // The track went away with its participant or the room.
      }
    })();
  };

  const onSubscribed = (track: RemoteTrack, pub: RemoteTrackPublication) => {
    const sid = pub.sid;
    if (!sid) return;
    if (track.kind === TrackKind.KIND_AUDIO) {
      const push = audio.addTrack(sid);
      read(sid, new AudioStream(track, { sampleRate: SAMPLE_RATE, numChannels: 1 }), (f) =>
        push(f.data),
      );
    } else if (track.kind === TrackKind.KIND_VIDEO) {
      read(sid, new VideoStream(track), ({ frame }) => {
        const i420 =
          frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420);
        // Only the newest frame of a track is kept: nothing queues up behind the encoder.
        pictures.set(sid, { width: i420.width, height: i420.height, data: i420.data });
        if (layout.trackSids.includes(sid)) dirty = true;
      });
    }
  };

  room
    .on(RoomEvent.TrackPublished, onPublished)
    .on(RoomEvent.TrackUnpublished, (pub) => forget(pub.sid))
    .on(RoomEvent.TrackSubscribed, onSubscribed)
    .on(RoomEvent.TrackUnsubscribed, (_track, pub) => {
      readers.get(pub.sid ?? '')?.();
      audio.removeTrack(pub.sid ?? '');
    })
    .on(RoomEvent.ParticipantDisconnected, (who) => {
      for (const pub of who.trackPublications.values()) forget(pub.sid);
    })
    .on(RoomEvent.ActiveSpeakersChanged, (speakers: Participant[]) => {
      const loudest = speakers.find((p) => p.identity !== room.localParticipant?.identity);
      if (!loudest || loudest.identity === speaker) return;
      speaker = loudest.identity;
      relayout();
    });
  const disconnected = new Promise<string>((resolve) =>
    room.once(RoomEvent.Disconnected, (reason) => resolve(String(reason))),
  );

  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  for (const who of room.remoteParticipants.values())
    for (const pub of who.trackPublications.values()) onPublished(pub, who);

  return {
    audio,
    frame() {
      if (dirty) {
        const rects = tileRects(layout.trackSids.length);
        layout.trackSids.forEach((sid, i) => {
          const picture = pictures.get(sid);
          if (picture) drawPicture(canvas, picture, rects[i]!);
        });
        dirty = false;
      }
      return canvas;
    },
    disconnected,
    async close() {
      for (const cancel of readers.values()) cancel();
      readers.clear();
      await room.disconnect().catch(() => undefined);
    },
  };
}
