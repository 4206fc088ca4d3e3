import { AppError, publishToMeeting, roomAudience } from '@gomeet/platform';
import type { ServerMessage } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { audienceOf } from './present-message.js';
import type { ChatMessageRow } from './tables.js';

/**
 * Publishes an event about a stored message to the message's audience — for a public message
 * while breakout rooms are open, the sender's room. The row is already committed; if the bus
 * fails the caller gets 503 and may retry (a retried post re-publishes).
 */
export async function publishMessageEvent(
  ctx: Ctx,
  row: ChatMessageRow,
  message: ServerMessage,
): Promise<void> {
  try {
    const audience = audienceOf(row);
    const heard =
      audience === 'all'
        ? await roomAudience(ctx.live, row.meeting_code, row.sender_identity, ctx.now())
        : audience;
    await publishToMeeting(ctx.bus, row.meeting_code, message, heard);
  } catch (error) {
    ctx.log.error({ err: error, messageId: String(row.seq) }, 'chat event not published');
    throw new AppError(
      'UNAVAILABLE',
      'The message was saved but could not be delivered live; retry the same request.',
      { cause: error, retryAfter: 1 },
    );
  }
}
