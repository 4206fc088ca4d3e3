import type { ChatMessage } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';

interface ChatMessageItemProps {
  message: ChatMessage;
  me: string;
  /** Hosts and co-hosts may delete anyone's message. */
  canModerate: boolean;
  nameOf: (identity: string) => string;
  onEdit: (id: string, text: string) => Promise<boolean>;
  onDelete: (id: string) => void;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One message: who, when, to whom if private; edit and delete where allowed. */
export function ChatMessageItem(props: ChatMessageItemProps) {
  const { message: m, me, canModerate, nameOf } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.text);
  const mine = m.from.identity === me;
  const from = mine ? 'You' : m.from.name;
  const privateNote = m.to
    ? m.to === me
      ? 'privately to you'
      : `privately to ${nameOf(m.to)}`
    : null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim() && (await props.onEdit(m.id, draft.trim()))) setEditing(false);
  };

  return (
    <li
      className={m.to ? 'chat-message private' : 'chat-message'}
      data-testid="chat-message"
      data-id={m.id}
      data-private={m.to ? 'true' : 'false'}
    >
      <div className="chat-meta">
        <strong>{from}</strong>
        {privateNote && <span className="chat-private">{privateNote}</span>}
        <time dateTime={m.createdAt} className="muted">
          {time(m.createdAt)}
        </time>
      </div>
      {m.deleted ? (
        <p className="muted chat-text">Message deleted</p>
      ) : editing ? (
        <form onSubmit={(e) => void save(e)} className="chat-edit">
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label="Edit your message"
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          />
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p className="chat-text" data-testid="chat-text">
          {m.text}
          {m.editedAt && <span className="muted"> (edited)</span>}
        </p>
      )}
      {!m.deleted && !editing && (mine || canModerate) && (
        <div className="chat-actions">
          {mine && (
            <button
              type="button"
              className="link"
              aria-label="Edit your message"
              onClick={() => {
                setDraft(m.text);
                setEditing(true);
              }}
            >
              Edit
            </button>
          )}
          <button
            type="button"
            className="link"
            aria-label={mine ? 'Delete your message' : `Delete ${m.from.name}'s message`}
            onClick={() => props.onDelete(m.id)}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
