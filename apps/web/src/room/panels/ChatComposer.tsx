import type { Presence } from '@gomeet/protocol';
import { useState, type FormEvent, type KeyboardEvent } from 'react';

const MAX_CHARS = 4000;

interface ChatComposerProps {
  others: Presence[];
  onSend: (text: string, to: string | null) => Promise<boolean>;
}

/** Write a message to everyone, or privately to one person. Enter sends, Shift+Enter breaks. */
export function ChatComposer({ others, onSend }: ChatComposerProps) {
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const recipient = others.find((p) => p.identity === to);
  const tooLong = [...text].length > MAX_CHARS;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    if (await onSend(trimmed, recipient ? recipient.identity : null)) setText('');
    setBusy(false);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) void submit(e);
  };

  return (
    <form className="chat-composer" onSubmit={(e) => void submit(e)} aria-label="Send a message">
      <label className="chat-to">
        <span>To</span>
        <select
          value={recipient ? to : ''}
          onChange={(e) => setTo(e.target.value)}
          aria-label="Send to"
          data-testid="chat-recipient"
        >
          <option value="">Everyone</option>
          {others.map((p) => (
            <option key={p.identity} value={p.identity}>
              {p.name} (privately)
            </option>
          ))}
        </select>
      </label>
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        rows={2}
        aria-label={recipient ? `Private message to ${recipient.name}` : 'Message to everyone'}
        placeholder={recipient ? `Private message to ${recipient.name}` : 'Message everyone'}
        data-testid="chat-input"
      />
      {tooLong && (
        <p className="error-note" role="alert">
          {[...text].length - MAX_CHARS === 1
            ? '1 character'
            : `${[...text].length - MAX_CHARS} characters`}{' '}
          over the 4000 limit.
        </p>
      )}
      <button
        type="submit"
        disabled={busy || !text.trim() || tooLong}
        aria-label="Send message"
        data-testid="chat-send"
      >
        Send
      </button>
    </form>
  );
}
