import type { ChatMessage } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';

interface ChatMessageItemProps {
  message: ChatMessage;
  me: string;
  /** Hosts and co-hosts may delete anyone's message. */
  canModerate: boolean;
  nameOf: (identity: string) => string;
  onEdit: (id: string, text: string) => Promise<boolean>;
  onDelete: (id: string) => void;
}

/** One message: who, when, to whom if private; edit and delete where allowed. */
export function ChatMessageItem(props: ChatMessageItemProps) {
  const { t } = useTranslation('room');
  const { message: m, me, canModerate, nameOf } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.text);
  const mine = m.from.identity === me;
  const from = mine ? t('chat.you') : m.from.name;
  const privateNote = m.to
    ? m.to === me
      ? t('chat.privatelyToYou')
      : t('chat.privatelyTo', { name: nameOf(m.to) })
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
          {formatTime(m.createdAt, { hour: '2-digit', minute: '2-digit' })}
        </time>
      </div>
      {m.deleted ? (
        <p className="muted chat-text">{t('chat.deleted')}</p>
      ) : editing ? (
        <form onSubmit={(e) => void save(e)} className="chat-edit">
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label={t('chat.editLabel')}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          />
          <button type="submit">{t('chat.save')}</button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            {t('chat.cancel')}
          </button>
        </form>
      ) : (
        <p className="chat-text" data-testid="chat-text">
          {m.text}
          {m.editedAt && <span className="muted"> {t('chat.edited')}</span>}
        </p>
      )}
      {!m.deleted && !editing && (mine || canModerate) && (
        <div className="chat-actions">
          {mine && (
            <button
              type="button"
              className="link"
              aria-label={t('chat.editLabel')}
              onClick={() => {
                setDraft(m.text);
                setEditing(true);
              }}
            >
              {t('chat.edit')}
            </button>
          )}
          <button
            type="button"
            className="link"
            aria-label={mine ? t('chat.deleteMine') : t('chat.deleteTheirs', { name: m.from.name })}
            onClick={() => props.onDelete(m.id)}
          >
            {t('chat.delete')}
          </button>
        </div>
      )}
    </li>
  );
}
