import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';
import { ErrorNote } from '../../ui/ErrorNote';
import { ChatComposer } from './ChatComposer';
import { ChatMessageItem } from './ChatMessageItem';
import type { Chat } from './use-chat';

const NEAR_EDGE_PX = 48;

/** The chat: history that loads older pages when scrolled to the top, and the composer. */
export function ChatPanel({ chat, me }: { chat: Chat; me: string }) {
  const { t } = useTranslation('room');
  const { state } = useRealtimeContext();
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  const prevHeight = useRef(0);
  const firstId = chat.messages[0]?.id;
  const names = new Map(state.participants.map((p) => [p.identity, p.name]));
  const others = state.participants.filter((p) => p.identity !== me);

  // New messages keep us at the bottom if we were there; an older page keeps our place.
  const prevFirst = useRef(firstId);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    if (prevFirst.current !== firstId && prevHeight.current > 0 && !pinned.current) {
      el.scrollTop += el.scrollHeight - prevHeight.current;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
    prevFirst.current = firstId;
    prevHeight.current = el.scrollHeight;
  }, [chat.messages, firstId]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_EDGE_PX;
    if (el.scrollTop < NEAR_EDGE_PX && chat.hasOlder) chat.loadOlder();
  };

  return (
    <section className="panel-body chat" aria-label={t('chat.region')} data-testid="chat-panel">
      {chat.hasOlder && (
        <button
          type="button"
          className="secondary small"
          disabled={chat.loadingOlder}
          onClick={chat.loadOlder}
        >
          {chat.loadingOlder ? t('chat.loading') : t('chat.loadEarlier')}
        </button>
      )}
      <ol className="chat-log" ref={list} onScroll={onScroll} aria-live="polite" tabIndex={0}>
        {chat.messages.length === 0 && <li className="muted">{t('chat.empty')}</li>}
        {chat.messages.map((m) => (
          <ChatMessageItem
            key={m.id}
            message={m}
            me={me}
            canModerate={isHost(state.you?.role)}
            nameOf={(id) => names.get(id) ?? t('chat.someoneWhoLeft')}
            onEdit={chat.edit}
            onDelete={chat.remove}
          />
        ))}
      </ol>
      <ErrorNote message={chat.error} testId="chat-error" />
      <ChatComposer others={others} onSend={chat.send} />
    </section>
  );
}
