import type { ServerMessage } from '@gomeet/protocol';
import { useRef } from 'react';
import type { RealtimeEnd } from '../realtime/realtime-client';
import { useRealtime, type Realtime } from '../realtime/use-realtime';
import type { Admission, ExitReason, Stage } from './stage';

interface JoinFlow {
  stage: Stage;
  exit: (reason: ExitReason) => void;
  admitted: (a: Admission) => void;
  retry: () => void;
}

const END_REASON: Record<RealtimeEnd, ExitReason | null> = {
  removed: 'removed',
  ended: 'ended',
  elsewhere: 'elsewhere',
  forbidden: null,
  unauthenticated: null,
};

/**
 * The participant's socket from the join answer on: it lets a waiting person in (or tells
 * them no), and takes anyone out of the room who was removed, replaced or whose meeting ended.
 */
export function useMeetingSocket(code: string, j: JoinFlow): Realtime {
  const waiting = j.stage.name === 'waiting';
  const admittedOnce = useRef(false);
  if (!waiting) admittedOnce.current = false;

  const onMessage = (m: ServerMessage) => {
    switch (m.type) {
      case 'lobby.admitted': {
        admittedOnce.current = true;
        const { type: _type, ...admission } = m;
        j.admitted(admission);
        return;
      }
      case 'lobby.denied':
        return j.exit('denied');
      case 'welcome':
        // Admitted while the socket was not up yet: no lobby.admitted will come, join again.
        if (waiting && m.you.state === 'joined' && !admittedOnce.current) j.retry();
        return;
      case 'meeting.ended':
        return j.exit('ended');
      case 'participant.removed':
        if (m.identity === (j.stage.name === 'room' ? j.stage.join.identity : null))
          j.exit('removed');
        return;
    }
  };

  const onEnd = (end: RealtimeEnd) => {
    // A lobby socket refused (denied, or removed while waiting) means the door is shut.
    const reason = END_REASON[end] ?? (waiting ? (end === 'forbidden' ? 'denied' : 'lost') : null);
    if (reason) j.exit(reason);
  };

  return useRealtime(code, waiting || j.stage.name === 'room', { onEnd, onMessage });
}
