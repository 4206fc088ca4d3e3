import { useEffect, useState } from 'react';
import type * as RoomModuleNs from '../room/MeetingRoom';
import type * as RoomConnectionNs from '../room/use-room-connection';

/** The room's code: its component, and the way to start its LiveKit connection early. */
export interface RoomModule {
  MeetingRoom: (typeof RoomModuleNs)['default'];
  connectEarly: (typeof RoomConnectionNs)['connectEarly'];
}

// livekit-client and the components are most of the app's weight: only meetings load them.
let loading: Promise<RoomModule> | undefined;
const loadRoom = () =>
  (loading ??= Promise.all([
    import('../room/MeetingRoom'),
    import('../room/use-room-connection'),
  ]).then(([room, connection]) => ({
    MeetingRoom: room.default,
    connectEarly: connection.connectEarly,
  })));

/**
 * The room's code, fetched while the person is on the pre-join screen. Not React.lazy:
 * a lazy component suspends on its first render even when its code is already here, and
 * React holds a Suspense fallback for at least 300 ms — a third of the join-time budget.
 */
export function useRoomModule(): RoomModule | null {
  const [room, setRoom] = useState<RoomModule | null>(null);
  useEffect(() => {
    let live = true;
    loadRoom().then(
      (m) => live && setRoom(m),
      () => live && setRoom(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return room;
}
