import type { ChatMessage } from '@gomeet/protocol';
import { useState } from 'react';
import { listMessages } from '../api/chat';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';

const HISTORY_PAGE = 200;

/** A past meeting's chat, read-only, for the people who were in it; loaded when opened. */
export function ChatHistoryPanel({ code, title }: { code: string; title: string }) {
  const [messages, setMessages] = useState<ChatMessage[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
    <details className="meeting-panel" onToggle={(e) => e.currentTarget.open && load()}>
      <summary aria-label={`Chat history of ${title}`}>Chat history</summary>
      <ErrorNote message={error} testId="chat-history-error" />
      {messages?.length === 0 && <p className="muted">Nobody wrote in the chat.</p>}
      {more && <p className="muted">Showing the latest {HISTORY_PAGE} messages.</p>}
      <ol data-testid="chat-history">
        {messages?.map((m) => (
          <li key={m.id}>
            <strong>{m.from.name}</strong>{' '}
            <span className="muted">{new Date(m.createdAt).toLocaleTimeString()}</span>{' '}
            {m.deleted ? <em>deleted</em> : m.text}
          </li>
        ))}
      </ol>
    </details>
  );
}
