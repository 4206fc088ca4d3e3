import { AppError } from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { canonicalCode } from './access.js';
import { requireHistoryReader } from './history-access.js';
import { presentMessage } from './present-message.js';
import { listMessages as selectPage } from './repo.js';

/** Default and largest page of history. */
export const HISTORY_LIMIT = { default: 50, max: 200 };

/** Which history to read: the latest, older than `before`, or newer than `after`. */
export interface ListMessagesInput {
  code: string;
  before?: string | undefined;
  after?: string | undefined;
  limit?: number | undefined;
}

/**
 * A page of the meeting's chat the caller may see, always oldest first: while breakout rooms
 * are open, the public messages of the room they are in (and their private ones). `after` reads forward
 * from a cursor (a reconnecting client catches up in order); `before` and no cursor read
 * backward from it, and `hasMore` says whether older messages remain.
 */
export async function listMessages({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListMessagesInput;
}): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
  const code = canonicalCode(input.code);
  const room = await requireHistoryReader(ctx, code);
  if (input.before !== undefined && input.after !== undefined) {
    throw new AppError('VALIDATION', 'Give either before or after, not both.', {
      errors: [{ field: 'querystring.after', message: 'cannot be combined with before' }],
    });
  }
  const limit = input.limit ?? HISTORY_LIMIT.default;
  const rows = await selectPage(ctx.db, {
    code,
    viewer: ctx.actor.id,
    room,
    before: input.before,
    after: input.after,
    limit,
  });
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  if (input.after === undefined) page.reverse();
  return { messages: page.map(presentMessage), hasMore };
}
