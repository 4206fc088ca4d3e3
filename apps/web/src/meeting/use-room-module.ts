import { useEffect, useState } from 'react';
import type * as RoomModuleNs from '../room/MeetingRoom';

type RoomModule = typeof RoomModuleNs;

// livekit-client and the components are most of the app's weight: only meetings load them.
let loading: Promise<RoomModule> | undefined;
const loadRoom = () => (loading ??= import('../room/MeetingRoom'));

/**
 * The room component, fetched while the person is on the pre-join screen. Not React.lazy:
 * a lazy component suspends on its first render even when its code is already here, and
 * React holds a Suspense fallback for at least 300 ms — a third of the join-time budget.
 */
export function useRoomModule(): RoomModule['default'] | null {
  const [room, setRoom] = useState<RoomModule['default'] | null>(null);
  useEffect(() => {
    let live = true;
    loadRoom().then(
      (m) => live && setRoom(() => m.default),
      () => live && setRoom(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return room;
}
