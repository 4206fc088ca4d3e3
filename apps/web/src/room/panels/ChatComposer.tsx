import type { Presence } from '@gomeet/protocol';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

const MAX_CHARS = 4000;

interface ChatComposerProps {
  others: Presence[];
  onSend: (text: string, to: string | null) => Promise<boolean>;
}

/** Write a message to everyone, or privately to one person. Enter sends, Shift+Enter breaks. */
export function ChatComposer({ others, onSend }: ChatComposerProps) {
  const { t } = useTranslation('room');
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
    <form className="chat-composer" onSubmit={(e) => void submit(e)} aria-label={t('chat.form')}>
      <label className="chat-to">
        <span>{t('chat.to')}</span>
        <select
          value={recipient ? to : ''}
          onChange={(e) => setTo(e.target.value)}
          aria-label={t('chat.sendTo')}
          data-testid="chat-recipient"
        >
          <option value="">{t('chat.everyone')}</option>
          {others.map((p) => (
            <option key={p.identity} value={p.identity}>
              {t('chat.privatelyOption', { name: p.name })}
            </option>
          ))}
        </select>
      </label>
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        rows={2}
        aria-label={
          recipient
            ? t('chat.privateMessageTo', { name: recipient.name })
            : t('chat.messageToEveryone')
        }
        placeholder={
          recipient
            ? t('chat.privateMessageTo', { name: recipient.name })
            : t('chat.messageEveryone')
        }
        data-testid="chat-input"
      />
      {tooLong && (
        <p className="error-note" role="alert">
          {t('chat.overLimit', { count: [...text].length - MAX_CHARS })}
        </p>
      )}
      <button
        type="submit"
        disabled={busy || !text.trim() || tooLong}
        aria-label={t('chat.sendLabel')}
        data-testid="chat-send"
      >
        {t('chat.send')}
      </button>
    </form>
  );
}
