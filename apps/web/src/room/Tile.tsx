import { ParticipantTile, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { Track } from 'livekit-client';

/**
 * One participant's camera or screen. The LiveKit tile brings the video, name, mute icon,
 * connection-quality indicator and the speaking highlight (data-lk-speaking).
 */
export function Tile({
  trackRef,
  large = false,
}: {
  trackRef: TrackReferenceOrPlaceholder;
  large?: boolean;
}) {
  const p = trackRef.participant;
  const screen = trackRef.source === Track.Source.ScreenShare;
  return (
    <ParticipantTile
      trackRef={trackRef}
      className={large ? 'tile tile-large' : 'tile'}
      data-testid={screen ? 'screen-share-tile' : 'participant-tile'}
      data-identity={p.identity}
      data-local={p.isLocal ? 'true' : 'false'}
      aria-label={screen ? `${p.name || p.identity}'s screen` : p.name || p.identity}
      role="group"
    />
  );
}
