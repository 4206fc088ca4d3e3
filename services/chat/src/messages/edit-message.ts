import { AppError } from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { canonicalCode, requireMember } from './access.js';
import { checkText, enforceMessageRate } from './limits.js';
import { presentMessage } from './present-message.js';
import { publishMessageEvent } from './publish-event.js';
import { findVisibleMessage, updateMessageText } from './repo.js';

/** New text for one of the caller's messages. */
export interface EditMessageInput {
  code: string;
  id: string;
  text: string;
}

/** Replaces the text of the caller's own message and publishes `chat.updated` to its audience. */
export async function editMessage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: EditMessageInput;
}): Promise<ChatMessage> {
  const code = canonicalCode(input.code);
  await requireMember(ctx, code);
  const existing = await findVisibleMessage(ctx.db, code, input.id, ctx.actor.id);
  if (!existing) throw new AppError('NOT_FOUND', 'No such message in this meeting.');
  if (existing.sender_identity !== ctx.actor.id) {
    throw new AppError('FORBIDDEN', 'You can only edit your own messages.');
  }
  if (existing.deleted_at) throw new AppError('GONE', 'This message was deleted.');
  const text = checkText(input.text);
  await enforceMessageRate(ctx, code);

  const row = await updateMessageText(ctx.db, input.id, text, ctx.now());
  // Deleted between the read and the update.
  if (!row) throw new AppError('GONE', 'This message was deleted.');
  const message = presentMessage(row);
  await publishMessageEvent(ctx, row, { type: 'chat.updated', message });
  return message;
}
