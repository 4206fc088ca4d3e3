import { AudioTrack, useTracks } from '@livekit/components-react';
import { Track } from 'livekit-client';

/** Plays every remote voice and screen-share sound; each element is tagged with its speaker. */
export function RoomAudio() {
  const tracks = useTracks(
    [Track.Source.Microphone, Track.Source.ScreenShareAudio, Track.Source.Unknown],
    { updateOnlyOn: [], onlySubscribed: true },
  ).filter((t) => !t.participant.isLocal && t.publication.kind === Track.Kind.Audio);
  return (
    <div hidden>
      {tracks.map((t) => (
        <AudioTrack
          key={t.publication.trackSid}
          trackRef={t}
          data-identity={t.participant.identity}
          data-source={t.source}
        />
      ))}
    </div>
  );
}
