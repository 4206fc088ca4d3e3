import type { ClientMessage, ServerMessage } from '@gomeet/protocol';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { getLobby } from '../api/host-controls';
import { RealtimeClient, type RealtimeEnd } from './realtime-client';
import { initialRealtimeState, isHost, reduceRealtime, type RealtimeState } from './realtime-state';
import { socketToken } from './socket-token';

export type RealtimeListener = (message: ServerMessage) => void;

/** The meeting's socket as the waiting screen and the room see it. */
export interface Realtime {
  state: RealtimeState;
  /** False when the frame could not go out (not connected); state frames are re-sent on welcome. */
  send: (message: ClientMessage) => boolean;
  /** Every server message, for what is an event rather than state (chat, reactions, prompts). */
  subscribe: (listener: RealtimeListener) => () => void;
}

interface Handlers {
  onEnd: (end: RealtimeEnd) => void;
  onMessage?: RealtimeListener;
}

/**
 * One socket for this participant while `active` (after the join answered: waiting or in the
 * room); closed when it turns false or the page goes.
 */
export function useRealtime(code: string, active: boolean, handlers: Handlers): Realtime {
  const [state, dispatch] = useReducer(reduceRealtime, initialRealtimeState);
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const listeners = useRef(new Set<RealtimeListener>());
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (!active) return;
    const c = new RealtimeClient({
      meeting: code,
      token: ({ refresh }) => socketToken(code, refresh),
      onStatus: (status) => dispatch({ type: 'status', status }),
      onEnd: (end) => handlersRef.current.onEnd(end),
      onMessage: (message) => {
        dispatch(message);
        handlersRef.current.onMessage?.(message);
        for (const l of listeners.current) l(message);
      },
    });
    setClient(c);
    c.start();
    return () => {
      c.stop();
      setClient(null);
    };
  }, [code, active]);

  // Made co-host mid-meeting: the lobby snapshot came only with the welcome, so read it now.
  const host = isHost(state.you?.role);
  const known = state.you !== null;
  const wasHost = useRef<boolean | null>(null);
  useEffect(() => {
    if (!known) return;
    const before = wasHost.current;
    wasHost.current = host;
    if (!host || before !== false) return;
    let live = true;
    getLobby(code).then(
      (lobby) => live && dispatch({ type: 'lobby.fetched', lobby }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code, host, known]);

  const send = useCallback((m: ClientMessage) => client?.send(m) ?? false, [client]);
  const subscribe = useCallback((l: RealtimeListener) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  return { state, send, subscribe };
}
