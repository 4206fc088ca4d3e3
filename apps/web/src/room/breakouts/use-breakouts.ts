import type { BreakoutState, HelpRequest } from '@gomeet/protocol';
import { useEffect, useState } from 'react';
import { describeError } from '../../api/problem';
import { useRealtimeEvents } from '../../realtime/RealtimeContext';
import type { Joined } from '../../meeting/stage';
import { myRoomToken } from './breakouts-api';
import { useBreakoutState } from './use-breakout-state';

/** Where `identity` belongs at `now`: their open breakout room's number, or null (main room). */
export function roomAt(state: BreakoutState | null, identity: string, now: number): number | null {
  if (!state?.open) return null;
  if (state.endsAt !== null && now >= Date.parse(state.endsAt)) return null;
  return state.assignments[identity] ?? null;
}

/** The room's breakout side: the state, where I am, the last broadcast, and help requests. */
export interface Breakouts {
  state: BreakoutState | null;
  /** The join to connect with: the meeting's own, or a breakout room's. */
  join: Joined;
  /** My breakout room's number, or null in the main room. */
  room: number | null;
  help: HelpRequest[];
  broadcast: { from: string; text: string } | null;
  error: string | null;
}

/**
 * Moves this participant between the main room and their breakout room: whenever where they
 * belong changes (opened, assigned, visited, closed, or the timer ran out) it fetches a token
 * for the new room, and the room connection reconnects with it. After a reload the join answer
 * is already for their breakout room (`breakoutRoom`), so they never pass through the main room.
 */
export function useBreakouts(code: string, meetingJoin: Joined): Breakouts {
  const { state, help } = useBreakoutState(code);
  const [now, setNow] = useState(Date.now);
  const [join, setJoin] = useState(meetingJoin);
  const [current, setCurrent] = useState<number | null>(meetingJoin.breakoutRoom ?? null);
  const [broadcast, setBroadcast] = useState<Breakouts['broadcast']>(null);
  const [error, setError] = useState<string | null>(null);
  const target = roomAt(state, meetingJoin.identity, now);

  // Wake up when the timer runs out: the rooms close then even without a message.
  const endsAt = state?.open ? state.endsAt : null;
  useEffect(() => {
    if (!endsAt) return;
    const timer = setTimeout(
      () => setNow(Date.now()),
      Math.max(0, Date.parse(endsAt) - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [endsAt]);

  useEffect(() => {
    // Until the state is read, trust the join: it was minted for where I belong.
    if (state === null || target === current) return;
    let live = true;
    myRoomToken(code).then(
      (answer) => {
        if (!live || answer.status !== 'joined') return;
        setCurrent(target);
        setJoin(answer);
      },
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [code, state, target, current]);

  useRealtimeEvents((m) => {
    if (m.type === 'breakouts.broadcast') setBroadcast({ from: m.from, text: m.text });
    if (m.type === 'breakouts.updated' && !m.state.open) setBroadcast(null);
  });

  return { state, join, room: current, help, broadcast, error };
}
