import type { ChatMessage } from '@gomeet/protocol';
import type { TFunction } from 'i18next';
import { ApiError, describeError } from '../../api/problem';

/** Chat ids are a bigint sequence as decimal strings: longer is later, then by characters. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Adds messages to a log kept oldest first, once per id: a retried post is published again,
 * and history pages overlap the live stream. A deletion or a later edit wins over what we had.
 */
export function mergeMessages(log: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return log;
  const byId = new Map(log.map((m) => [m.id, m]));
  for (const m of incoming) {
    const had = byId.get(m.id);
    if (!had || isNewer(m, had)) byId.set(m.id, m);
  }
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

function isNewer(next: ChatMessage, had: ChatMessage): boolean {
  if (had.deleted) return false;
  if (next.deleted) return true;
  return (next.editedAt ?? '') >= (had.editedAt ?? '');
}

/** Marks a message deleted, as the server keeps it: the row stays, the text goes. */
export function markDeleted(log: ChatMessage[], id: string): ChatMessage[] {
  return log.map((m) => (m.id === id ? { ...m, deleted: true, text: '' } : m));
}

/** What to tell someone whose message did not go out (`t`: the room namespace's). */
export function describeChatError(error: unknown, t: TFunction<'room'>): string {
  if (error instanceof ApiError) {
    if (error.status === 413) return t('chat.errors.tooLong');
    if (error.status === 429) {
      return error.retryAfter
        ? t('chat.errors.tooFast', { seconds: error.retryAfter })
        : t('chat.errors.tooFastNoWait');
    }
    if (error.status === 410) return t('chat.errors.deleted');
  }
  return describeError(error);
}
