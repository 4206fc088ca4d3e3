import { chatMessage, type ChatMessage } from '@gomeet/protocol';
import { z } from 'zod';
import { api } from './http';

const base = (code: string) => `/api/chat/${encodeURIComponent(code)}/messages`;
const auth = (code: string) => ({ meetingCode: code });
const page = z.object({ messages: z.array(chatMessage), hasMore: z.boolean() });

export type ChatPage = z.infer<typeof page>;
export type ChatCursor = { before: string } | { after: string } | Record<string, never>;

/** A page of history: newest before `before` (or the latest), or oldest after `after`. */
export function listMessages(code: string, cursor: ChatCursor, limit = 50): Promise<ChatPage> {
  const q = new URLSearchParams({ limit: String(limit), ...cursor });
  return api(`${base(code)}?${q.toString()}`, { auth: auth(code), schema: page });
}

/** Posts a message; the same clientId again returns the stored one instead of a duplicate. */
export const postMessage = (code: string, body: { clientId: string; text: string; to?: string }) =>
  api(base(code), { method: 'POST', body, auth: auth(code), schema: chatMessage });

export const editMessage = (code: string, id: string, text: string): Promise<ChatMessage> =>
  api(`${base(code)}/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { text },
    auth: auth(code),
    schema: chatMessage,
  });

export const deleteMessage = (code: string, id: string): Promise<void> =>
  api(`${base(code)}/${encodeURIComponent(id)}`, { method: 'DELETE', auth: auth(code) });
