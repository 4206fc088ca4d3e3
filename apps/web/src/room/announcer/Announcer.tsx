import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeContext, useRealtimeEvents } from '../../realtime/RealtimeContext';
import { announcementsFor, knownFrom, type Known } from './announcements';

/** How many recent announcements stay in the region (older ones were already read out). */
const KEEP = 5;

interface Entry {
  id: number;
  text: string;
}

/**
 * A visually hidden, polite live region: screen readers hear who joined, left or raised a hand,
 * and chat messages while the chat panel is closed. Each announcement is a new line in the log,
 * so two arriving together are both read.
 */
export function Announcer({ me, chatOpen }: { me: string; chatOpen: boolean }) {
  const { t } = useTranslation('room');
  const { state } = useRealtimeContext();
  const known = useRef<Known | null>(null);
  known.current ??= knownFrom(me, state.participants, state.hands);
  const [entries, setEntries] = useState<Entry[]>([]);
  const next = useRef(0);

  useRealtimeEvents((message) => {
    if (!known.current) return;
    const said = announcementsFor(message, known.current, chatOpen, t);
    if (said.length === 0) return;
    const added = said.map((text) => ({ id: (next.current += 1), text }));
    setEntries((list) => [...list, ...added].slice(-KEEP));
  });

  return (
    <div className="visually-hidden" role="log" aria-live="polite" data-testid="announcer">
      {entries.map((e) => (
        <p key={e.id}>{e.text}</p>
      ))}
    </div>
  );
}
