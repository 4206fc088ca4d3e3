import {
  useSpeakingParticipants,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import { FocusView, type FocusReason } from './FocusView';
import { GridView } from './GridView';
import { StageActions } from './stage/StageActions';
import { useSpotlight } from './stage/use-spotlight';
import { tileKey, type PinControl } from './Tile';

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

interface Focus {
  track: TrackReferenceOrPlaceholder;
  reason: FocusReason;
}

/**
 * What takes the big tile, strongest first: my own pin, a host's spotlight, a shared screen
 * (someone else's before my own: presenters need not watch themselves), then the active
 * speaker in the speaker layout. A pin or spotlight on someone who left counts for nothing.
 */
function chooseFocus(
  tracks: TrackReferenceOrPlaceholder[],
  pinned: string | null,
  spotlight: string | null,
  speaker: TrackReferenceOrPlaceholder | undefined,
  layout: Layout,
): Focus | undefined {
  const pin = tracks.find((t) => tileKey(t) === pinned);
  if (pin) return { track: pin, reason: 'pinned' };
  const lit = tracks.find(
    (t) => t.participant.identity === spotlight && t.source === Track.Source.Camera,
  );
  if (lit) return { track: lit, reason: 'spotlight' };
  const screens = tracks.filter((t) => t.source === Track.Source.ScreenShare);
  const screen = screens.find((t) => !t.participant.isLocal) ?? screens[0];
  if (screen) return { track: screen, reason: 'screen' };
  if (layout === 'speaker' && speaker) return { track: speaker, reason: 'speaker' };
  return undefined;
}

/** The stage: a focus (pin, spotlight, screen, speaker) beside the others, or the grid. */
export function RoomStage({ layout, code }: { layout: Layout; code: string }) {
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const cameras = tracks.filter((t) => t.source === Track.Source.Camera);
  const speaker = useFocusedSpeaker(cameras);
  const spotlight = useSpotlight(code);
  const [pinned, setPinned] = useState<string | null>(null);
  const pin: PinControl = { pinned, onPin: setPinned };
  const frame = useRef<HTMLDivElement>(null);
  const focus = chooseFocus(tracks, pinned, spotlight, speaker, layout);

  return (
    <div className="stage-frame" ref={frame}>
      {focus ? (
        <FocusView
          focus={focus.track}
          others={tracks.filter((t) => t !== focus.track)}
          layout={focus.reason}
          pin={pin}
          spotlight={spotlight}
        />
      ) : (
        <GridView cameras={cameras} pin={pin} />
      )}
      <StageActions
        stage={frame}
        speaker={speaker?.participant.isLocal ? undefined : speaker?.participant.identity}
      />
    </div>
  );
}
