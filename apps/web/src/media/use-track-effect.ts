import {
  RoomEvent,
  type AudioProcessorOptions,
  type LocalAudioTrack,
  type LocalVideoTrack,
  type Room,
  type Track,
  type TrackProcessor,
  type VideoProcessorOptions,
} from 'livekit-client';
import { useEffect, useRef } from 'react';

type Source = Track.Source.Microphone | Track.Source.Camera;
type AnyProcessor =
  | TrackProcessor<Track.Kind.Audio, AudioProcessorOptions>
  | TrackProcessor<Track.Kind.Video, VideoProcessorOptions>;

/** An effect to put on a published track: its processor's name, and how to load it. */
export interface TrackEffect {
  name: string;
  load: () => Promise<AnyProcessor>;
}

function localTrack(room: Room, source: Source) {
  return room.localParticipant.getTrackPublication(source)?.track as
    LocalAudioTrack | LocalVideoTrack | undefined;
}

/**
 * Keeps `effect` on the local track of `source` (or none when null): applied once the track is
 * published, never before, so an effect never delays publishing. Changes are applied one at a
 * time; a failure leaves the plain track and is reported.
 */
export function useTrackEffect(
  room: Room,
  source: Source,
  effect: TrackEffect | null,
  onError: (error: unknown) => void,
) {
  const queue = useRef(Promise.resolve());
  const latest = useRef({ effect, onError });
  latest.current = { effect, onError };
  const name = effect?.name;

  useEffect(() => {
    const apply = async () => {
      const track = localTrack(room, source);
      if (!track) return;
      const wanted = latest.current.effect;
      if (track.getProcessor()?.name === wanted?.name) return;
      if (!wanted) return track.stopProcessor();
      const processor = await wanted.load();
      // The kinds match by construction: a microphone gets audio effects, a camera video ones.
      await (track as LocalAudioTrack).setProcessor(
        processor as TrackProcessor<Track.Kind.Audio, AudioProcessorOptions>,
      );
    };
    const enqueue = () => {
      queue.current = queue.current.then(apply).catch((e: unknown) => latest.current.onError(e));
    };
    const onPublished = (publication: { source: Track.Source }) => {
      if (publication.source === source) enqueue();
    };
    enqueue();
    room.on(RoomEvent.LocalTrackPublished, onPublished);
    return () => {
      room.off(RoomEvent.LocalTrackPublished, onPublished);
    };
  }, [room, source, name]);
}
