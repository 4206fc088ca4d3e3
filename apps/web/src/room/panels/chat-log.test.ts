import type { ChatMessage } from '@gomeet/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { i18n, startI18n } from '../../i18n';
import { compareIds, describeChatError, markDeleted, mergeMessages } from './chat-log';

// The sentences come from the app's English strings.
beforeAll(() => startI18n('en'));
const t = i18n.getFixedT('en', 'room');

const msg = (id: string, patch: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  clientId: `c${id}`,
  meetingCode: 'abc-defg-hij',
  from: { identity: 'u1', name: 'Ada' },
  to: null,
  text: `text ${id}`,
  createdAt: '2030-01-01T00:00:00.000Z',
  editedAt: null,
  deleted: false,
  ...patch,
});

describe('chat log', () => {
  it('orders ids numerically, not as text', () => {
    expect(['10', '9', '100', '11'].sort(compareIds)).toEqual(['9', '10', '11', '100']);
  });

  it('keeps one copy of a message published twice, and merges pages in id order', () => {
    const log = mergeMessages([msg('9'), msg('10')], [msg('10'), msg('2'), msg('11')]);
    expect(log.map((m) => m.id)).toEqual(['2', '9', '10', '11']);
  });

  it('lets an edit replace the text, and a deletion stick over a stale copy', () => {
    const edited = msg('5', { text: 'new', editedAt: '2030-01-01T00:01:00.000Z' });
    expect(mergeMessages([msg('5')], [edited])[0]?.text).toBe('new');
    expect(mergeMessages([edited], [msg('5')])[0]?.text).toBe('new');
    const deleted = markDeleted([msg('5')], '5');
    expect(mergeMessages(deleted, [msg('5')])[0]).toMatchObject({ deleted: true, text: '' });
  });

  it('explains a message too large and a rate limit with its wait', () => {
    expect(describeChatError(new ApiError(413, 'message-too-large', 'x'), t)).toMatch(/too long/);
    const limited = new ApiError(429, 'chat-rate-limited', 'x');
    limited.retryAfter = 7;
    expect(describeChatError(limited, t)).toBe(
      'You are sending messages too fast. Wait 7 s and try again.',
    );
  });
});
