import { useState } from 'react';
import { useRealtimeEvents } from '../../realtime/RealtimeContext';

/**
 * How many polls were launched (or had results shared) while the polls panel was closed:
 * the badge on its button. Lives outside the lazily loaded panel, so it costs a few bytes.
 */
export function usePollAlert(open: boolean): number {
  const [unseen, setUnseen] = useState(new Set<string>());
  if (open && unseen.size > 0) setUnseen(new Set());
  useRealtimeEvents((m) => {
    if (open || m.type !== 'poll.updated') return;
    const { poll } = m;
    const news = (poll.state === 'open' && poll.voters === 0) || poll.shared;
    if (news && !unseen.has(poll.id)) setUnseen((s) => new Set(s).add(poll.id));
  });
  return unseen.size;
}
