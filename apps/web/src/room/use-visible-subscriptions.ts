import { isTrackReference, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { RoomEvent, Track, type Room } from 'livekit-client';
import { useEffect, useRef } from 'react';

/**
 * Subscribes to the video of the tiles on screen and to every audio track, and unsubscribes
 * video that scrolled off the page, so a 500-person room downloads only what is shown.
 */
export function useVisibleSubscriptions(room: Room, visible: TrackReferenceOrPlaceholder[]) {
  const sids = visible.flatMap((t) => (isTrackReference(t) ? [t.publication.trackSid] : []));
  const wanted = useRef(new Set<string>());
  wanted.current = new Set(sids);
  const key = [...sids].sort().join(',');

  useEffect(() => {
    const apply = () => {
      for (const p of room.remoteParticipants.values()) {
        for (const pub of p.trackPublications.values()) {
          const want = pub.kind === Track.Kind.Audio || wanted.current.has(pub.trackSid);
          if (pub.isDesired !== want) pub.setSubscribed(want);
        }
      }
    };
    apply();
    room.on(RoomEvent.TrackPublished, apply).on(RoomEvent.Connected, apply);
    return () => {
      room.off(RoomEvent.TrackPublished, apply).off(RoomEvent.Connected, apply);
    };
  }, [room, key]);
}
