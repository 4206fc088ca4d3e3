import { createContext, useContext, useEffect, useRef } from 'react';
import type { Realtime, RealtimeListener } from './use-realtime';

export const RealtimeContext = createContext<Realtime | null>(null);

/** The meeting's socket; the room is always rendered inside its provider. */
export function useRealtimeContext(): Realtime {
  const rt = useContext(RealtimeContext);
  if (!rt) throw new Error('useRealtimeContext outside RealtimeContext');
  return rt;
}

/** Calls `listener` for every server message while mounted (the latest listener each time). */
export function useRealtimeEvents(listener: RealtimeListener): void {
  const { subscribe } = useRealtimeContext();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe((m) => ref.current(m)), [subscribe]);
}
