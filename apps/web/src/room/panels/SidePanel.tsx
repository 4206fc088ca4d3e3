import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyBreakoutsPanel } from '../breakouts/LazyBreakoutsPanel';
import { LazyPollsPanel } from '../polls/LazyPollsPanel';
import { ChatPanel } from './ChatPanel';
import { ParticipantsPanel } from './ParticipantsPanel';
import type { Panel } from './RoomToolbar';
import type { Chat } from './use-chat';

interface SidePanelProps {
  panel: Panel;
  onClose: () => void;
  code: string;
  me: string;
  chat: Chat;
}

const TITLES = {
  people: { title: 'panels.people', close: 'panels.close.people' },
  chat: { title: 'panels.chat', close: 'panels.close.chat' },
  polls: { title: 'panels.polls', close: 'panels.close.polls' },
  breakouts: { title: 'panels.breakouts', close: 'panels.close.breakouts' },
} as const;

/** The drawer at the right (full screen on a phone) holding people or chat. */
export function SidePanel({ panel, onClose, code, me, chat }: SidePanelProps) {
  const { t } = useTranslation('room');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (panel) heading.current?.focus();
  }, [panel]);
  if (!panel) return null;
  const title = t(TITLES[panel].title);
  return (
    <aside
      className="side-panel"
      aria-label={title}
      data-testid="side-panel"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header className="side-panel-head">
        <h2 ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button
          type="button"
          className="secondary small"
          aria-label={t(TITLES[panel].close)}
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      {panel === 'chat' && <ChatPanel chat={chat} me={me} />}
      {panel === 'people' && <ParticipantsPanel code={code} me={me} />}
      {panel === 'polls' && <LazyPollsPanel code={code} />}
      {panel === 'breakouts' && <LazyBreakoutsPanel code={code} />}
    </aside>
  );
}
