import { isTrackReference, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { ConnectionState, RoomEvent, Track, TrackPublication, type Room } from 'livekit-client';
import { useEffect, useRef } from 'react';

const EAGER_GRACE_MS = 3_000;
const STUCK_CHECK_MS = 2_500;

/**
 * Subscribes to the video of the tiles on screen and to every audio track, and unsubscribes
 * video that scrolled off the page, so a 500-person room downloads only what is shown.
 *
 * `freeSlots` is how many more tiles the current page can show: as soon as the join answer
 * lists the people already there (before the media connection is up and before React has
 * drawn their tiles), that many cameras are subscribed at once, which takes a renegotiation
 * off the time to first frame. The connection may have started before this hook mounted
 * (connectEarly), so an answer that is already in is acted on at once.
 */
export function useVisibleSubscriptions(
  room: Room,
  visible: TrackReferenceOrPlaceholder[],
  freeSlots = 0,
) {
  const sids = visible.flatMap((t) => (isTrackReference(t) ? [t.publication.trackSid] : []));
  const wanted = useRef(new Set<string>());
  const eager = useRef(new Set<string>());
  const slots = useRef(freeSlots);
  const eagerTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const eagerDone = useRef(false);
  wanted.current = new Set(sids);
  slots.current = freeSlots;
  const key = [...sids].sort().join(',');

  useEffect(() => {
    const apply = () => {
      for (const p of room.remoteParticipants.values()) {
        for (const pub of p.trackPublications.values()) {
          const want =
            pub.kind === Track.Kind.Audio ||
            wanted.current.has(pub.trackSid) ||
            eager.current.has(pub.trackSid);
          if (pub.isDesired !== want) pub.setSubscribed(want);
        }
      }
    };
    const subscribeEarly = () => {
      if (eagerDone.current) return;
      eagerDone.current = true;
      for (const p of room.remoteParticipants.values()) {
        const camera = p.getTrackPublication(Track.Source.Camera);
        if (!camera || eager.current.size >= slots.current) break;
        eager.current.add(camera.trackSid);
      }
      apply();
      // Tiles drawn by then are in `wanted`; anything else was a guess that no longer holds.
      eagerTimer.current = setTimeout(() => {
        eager.current.clear();
        apply();
      }, EAGER_GRACE_MS);
    };
    if (room.remoteParticipants.size > 0) subscribeEarly();
    apply();
    room
      .on(RoomEvent.TrackPublished, apply)
      .on(RoomEvent.Connected, apply)
      .on(RoomEvent.SignalConnected, subscribeEarly);
    return () => {
      room
        .off(RoomEvent.TrackPublished, apply)
        .off(RoomEvent.Connected, apply)
        .off(RoomEvent.SignalConnected, subscribeEarly);
    };
  }, [room, key]);

  useEffect(() => {
    // A subscription asked for but never granted (lost in a reconnect, or asked before the
    // server was ready) is asked for again, rather than leaving a black tile.
    let stuck = new Set<string>();
    const retryStuck = () => {
      if (room.state !== ConnectionState.Connected) return;
      const now = new Set<string>();
      for (const p of room.remoteParticipants.values()) {
        for (const pub of p.trackPublications.values()) {
          if (pub.subscriptionStatus !== TrackPublication.SubscriptionStatus.Desired) continue;
          if (stuck.has(pub.trackSid)) {
            pub.setSubscribed(false);
            pub.setSubscribed(true);
          } else now.add(pub.trackSid);
        }
      }
      stuck = now;
    };
    const watchdog = setInterval(retryStuck, STUCK_CHECK_MS);
    return () => {
      clearInterval(watchdog);
      clearTimeout(eagerTimer.current);
    };
  }, [room]);
}
