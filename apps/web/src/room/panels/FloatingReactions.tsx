import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeContext, useRealtimeEvents } from '../../realtime/RealtimeContext';

interface Shown {
  key: number;
  /** Who sent it, or null for me. */
  name: string | null;
  emoji: string;
}

const SHOW_MS = 4_000;
const MAX_SHOWN = 6;
let nextKey = 0;

/** Reactions float up from the bottom corner for a few seconds, with who sent them. */
export function FloatingReactions() {
  const { t } = useTranslation('room');
  const { state } = useRealtimeContext();
  const [shown, setShown] = useState<Shown[]>([]);
  useRealtimeEvents((m) => {
    if (m.type !== 'reaction') return;
    const who = state.participants.find((p) => p.identity === m.identity);
    const name = m.identity === state.you?.identity ? null : (who?.name ?? t('reactions.someone'));
    setShown((s) => [...s.slice(-(MAX_SHOWN - 1)), { key: nextKey++, name, emoji: m.emoji }]);
  });
  const oldest = shown[0]?.key;
  useEffect(() => {
    if (oldest === undefined) return;
    const t = setTimeout(() => setShown((s) => s.filter((r) => r.key !== oldest)), SHOW_MS);
    return () => clearTimeout(t);
  }, [oldest]);

  return (
    <ul
      className="reactions"
      aria-live="polite"
      aria-label={t('reactions.region')}
      data-testid="reactions"
    >
      {shown.map((r) => (
        <li key={r.key} className="reaction">
          <span className="reaction-emoji" aria-hidden="true">
            {r.emoji}
          </span>
          <span className="reaction-name">
            {r.name ?? t('reactions.you')}
            <span className="visually-hidden">
              {' '}
              {r.name === null
                ? t('reactions.reactedMine', { emoji: r.emoji })
                : t('reactions.reacted', { emoji: r.emoji })}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
