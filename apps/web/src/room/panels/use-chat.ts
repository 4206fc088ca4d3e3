import type { ChatMessage } from '@gomeet/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteMessage, editMessage, listMessages, postMessage } from '../../api/chat';
import { ApiError } from '../../api/problem';
import { useRealtimeContext, useRealtimeEvents } from '../../realtime/RealtimeContext';
import { describeChatError, markDeleted, mergeMessages } from './chat-log';

export interface Chat {
  messages: ChatMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  unread: number;
  error: string | null;
  clearError: () => void;
  loadOlder: () => void;
  /** Resolves true when the message was stored. */
  send: (text: string, to: string | null) => Promise<boolean>;
  edit: (id: string, text: string) => Promise<boolean>;
  remove: (id: string) => void;
}

/**
 * The meeting's chat: the latest page on first welcome, older pages on demand, catch-up after
 * the last seen id on every later welcome (a reconnect), live messages in between, once per id.
 * Chat is per room: when `room` changes (into a breakout room, or back to the main room) the log
 * starts over with that room's latest page.
 */
export function useChat(code: string, me: string, open: boolean, room: number | null = null): Chat {
  const { t } = useTranslation('room');
  const { state } = useRealtimeContext();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const log = useRef(messages);
  log.current = messages;
  const openRef = useRef(open);
  openRef.current = open;
  const roomRef = useRef(room);

  useEffect(() => {
    if (open) setUnread(0);
  }, [open]);

  const add = useCallback(
    (incoming: ChatMessage[], live: boolean) => {
      const known = new Set(log.current.map((m) => m.id));
      const fresh = incoming.filter((m) => !known.has(m.id) && m.from.identity !== me);
      const next = mergeMessages(log.current, incoming);
      log.current = next;
      setMessages(next);
      if (live && !openRef.current && fresh.length > 0) setUnread((n) => n + fresh.length);
    },
    [me],
  );

  // Welcome number 1 is the first connection; any later one follows a reconnect.
  const joined = state.you?.state === 'joined';
  useEffect(() => {
    if (!joined || state.status !== 'open') return;
    let live = true;
    if (roomRef.current !== room) {
      roomRef.current = room;
      log.current = [];
      setMessages([]);
      setHasOlder(false);
    }
    const last = log.current.at(-1)?.id;
    const catchUp = async () => {
      if (!last) {
        const page = await listMessages(code, {});
        if (live) setHasOlder(page.hasMore);
        if (live) add(page.messages, false);
        return;
      }
      let after = last;
      for (let more = true; more && live;) {
        const page = await listMessages(code, { after }, 200);
        add(page.messages, true);
        more = page.hasMore && page.messages.length > 0;
        after = page.messages.at(-1)?.id ?? after;
      }
    };
    catchUp().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, joined, state.status, state.welcomes, add, room]);

  useRealtimeEvents((m) => {
    if (m.type === 'chat.message' || m.type === 'chat.updated') add([m.message], true);
    if (m.type === 'chat.deleted') setMessages((l) => (log.current = markDeleted(l, m.id)));
  });

  const loadOlder = useCallback(() => {
    const first = log.current[0]?.id;
    if (!first || loadingOlder) return;
    setLoadingOlder(true);
    listMessages(code, { before: first })
      .then((page) => {
        setHasOlder(page.hasMore);
        add(page.messages, false);
      })
      .catch((e: unknown) => setError(describeChatError(e, t)))
      .finally(() => setLoadingOlder(false));
  }, [code, add, loadingOlder, t]);

  const send = useCallback(
    async (text: string, to: string | null) => {
      const body = { clientId: crypto.randomUUID(), text, ...(to ? { to } : {}) };
      setError(null);
      try {
        // A lost answer is retried once with the same clientId: the server returns the stored one.
        const sent = await postMessage(code, body).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 0) return postMessage(code, body);
          throw e;
        });
        add([sent], false);
        return true;
      } catch (e) {
        setError(describeChatError(e, t));
        return false;
      }
    },
    [code, add, t],
  );

  const edit = useCallback(
    async (id: string, text: string) => {
      try {
        add([await editMessage(code, id, text)], false);
        return true;
      } catch (e) {
        setError(describeChatError(e, t));
        return false;
      }
    },
    [code, add, t],
  );

  const remove = useCallback(
    (id: string) => {
      deleteMessage(code, id).then(
        () => setMessages((l) => (log.current = markDeleted(l, id))),
        (e: unknown) => setError(describeChatError(e, t)),
      );
    },
    [code, t],
  );

  return {
    messages,
    hasOlder,
    loadingOlder,
    unread,
    error,
    clearError: () => setError(null),
    loadOlder,
    send,
    edit,
    remove,
  };
}
