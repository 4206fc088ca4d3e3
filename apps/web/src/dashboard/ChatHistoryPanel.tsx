import type { ChatMessage } from '@gomeet/protocol';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listMessages } from '../api/chat';
import { describeError } from '../api/problem';
import { formatTime } from '../i18n/format';
import { ErrorNote } from '../ui/ErrorNote';

const HISTORY_PAGE = 200;

interface ChatHistoryPanelProps {
  code: string;
  title: string;
  /** Start open (and scrolled into view), as when the meeting's exit screen linked here. */
  open?: boolean;
}

/**
 * A past meeting's chat, read-only, for the people who were in it. Loaded the first time it
 * is opened (an ended meeting's chat no longer changes); opened again after a failure, it
 * tries again.
 */
export function ChatHistoryPanel({ code, title, open = false }: ChatHistoryPanelProps) {
  const { t } = useTranslation('dashboard');
  const [messages, setMessages] = useState<ChatMessage[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLDetailsElement>(null);
  // Opened by the exit screen's link: brought into view; its toggle event loads it.
  useEffect(() => {
    if (open) panel.current?.scrollIntoView({ block: 'start' });
  }, [open]);
  const load = () => {
    setError(null);
    listMessages(code, {}, HISTORY_PAGE).then(
      (page) => {
        setMessages(page.messages);
        setMore(page.hasMore);
      },
      (e: unknown) => setError(describeError(e)),
    );
  };
  return (
    <details
      ref={panel}
      className="meeting-panel"
      open={open}
      onToggle={(e) => e.currentTarget.open && messages === null && load()}
    >
      <summary aria-label={t('chatHistory.summaryLabel', { title })}>
        {t('chatHistory.summary')}
      </summary>
      <ErrorNote message={error} testId="chat-history-error" />
      {messages?.length === 0 && <p className="muted">{t('chatHistory.empty')}</p>}
      {more && <p className="muted">{t('chatHistory.latest', { count: HISTORY_PAGE })}</p>}
      <ol data-testid="chat-history">
        {messages?.map((m) => (
          <li key={m.id}>
            <strong>{m.from.name}</strong>{' '}
            <span className="muted">
              {formatTime(m.createdAt, { hour: 'numeric', minute: 'numeric', second: 'numeric' })}
            </span>{' '}
            {m.deleted ? <em>{t('chatHistory.deleted')}</em> : m.text}
          </li>
        ))}
      </ol>
    </details>
  );
}
