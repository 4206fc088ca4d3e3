import {
  useSpeakingParticipants,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useEffect, useState } from 'react';
import { FocusView } from './FocusView';
import { GridView } from './GridView';

export type Layout = 'grid' | 'speaker';

/** The last remote person who spoke stays in focus until someone else speaks. */
function useFocusedSpeaker(cameras: TrackReferenceOrPlaceholder[]) {
  const loudest = useSpeakingParticipants().find((p) => !p.isLocal)?.identity;
  const [identity, setIdentity] = useState<string | undefined>();
  useEffect(() => {
    if (loudest) setIdentity(loudest);
  }, [loudest]);
  return (
    cameras.find((t) => t.participant.identity === identity) ??
    cameras.find((t) => !t.participant.isLocal) ??
    cameras[0]
  );
}

/** Picks the layout: a shared screen takes focus; else the grid or the speaker view. */
export function RoomStage({ layout }: { layout: Layout }) {
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const cameras = tracks.filter((t) => t.source === Track.Source.Camera);
  // Someone else's screen before our own: presenters do not need to watch themselves.
  const screens = tracks.filter((t) => t.source === Track.Source.ScreenShare);
  const screen = screens.find((t) => !t.participant.isLocal) ?? screens[0];
  const speaker = useFocusedSpeaker(cameras);

  if (screen) return <FocusView focus={screen} others={cameras} layout="screen" />;
  if (layout === 'speaker' && speaker) {
    return (
      <FocusView focus={speaker} others={cameras.filter((t) => t !== speaker)} layout="speaker" />
    );
  }
  return <GridView cameras={cameras} />;
}
