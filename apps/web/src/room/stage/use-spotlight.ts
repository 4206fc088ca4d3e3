import { useEffect, useRef, useState } from 'react';
import { useRealtimeContext, useRealtimeEvents } from '../../realtime/RealtimeContext';
import { getStage } from './stage-api';

/**
 * Who a host spotlights for everyone: read from the server after every welcome (a reload or a
 * reconnect finds it there), then kept current by `stage.spotlight` events. An event that
 * arrives while the read is under way wins over the read's older answer.
 */
export function useSpotlight(code: string): string | null {
  const { state } = useRealtimeContext();
  const [identity, setIdentity] = useState<string | null>(null);
  const events = useRef(0);
  useRealtimeEvents((m) => {
    if (m.type !== 'stage.spotlight') return;
    events.current += 1;
    setIdentity(m.identity);
  });
  const joined = state.you?.state === 'joined';
  useEffect(() => {
    if (!joined) return;
    const seen = events.current;
    let current = true;
    getStage(code)
      .then((stage) => {
        if (current && events.current === seen) setIdentity(stage.spotlight);
      })
      // The stage is an extra: the next welcome (a reconnect) reads it again.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [code, joined, state.welcomes]);
  return identity;
}
