import { AppError, breakoutRoomOf, breakoutStore, roster } from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { canonicalCode, isMember, requireMember } from './access.js';
import { checkText, enforceMessageRate } from './limits.js';
import { presentMessage } from './present-message.js';
import { publishMessageEvent } from './publish-event.js';
import { insertMessage } from './repo.js';

/** A message to post: `clientId` makes retries safe; `to` makes it private. */
export interface PostMessageInput {
  code: string;
  clientId: string;
  text: string;
  to?: string | undefined;
}

/** 404 unless `to` is someone else who is a full member of the meeting. */
async function checkRecipient(ctx: Ctx, code: string, to: string): Promise<void> {
  if (to === ctx.actor.id) {
    throw new AppError('VALIDATION', 'A private message needs someone else as its recipient.', {
      errors: [{ field: 'body.to', message: 'must not be yourself' }],
    });
  }
  if (!isMember(await roster.get(ctx.live, code, to))) {
    throw new AppError('NOT_FOUND', `No participant "${to}" is in this meeting.`, {
      type: 'recipient-not-found',
    });
  }
}

/**
 * Stores a chat message, then publishes it: public ones to everyone in the sender's room (the
 * open breakout room they are in, else the main room), private ones to sender and recipient
 * only. The same `clientId` from the same sender returns the stored message
 * (`created: false`) and publishes it again, so a retry also heals a lost publish.
 */
export async function postMessage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: PostMessageInput;
}): Promise<{ message: ChatMessage; created: boolean }> {
  const code = canonicalCode(input.code);
  const me = await requireMember(ctx, code);
  const text = checkText(input.text);
  if (input.to !== undefined) await checkRecipient(ctx, code, input.to);
  await enforceMessageRate(ctx, code);
  const breakouts = await breakoutStore.read(ctx.live, code);

  const { row, created } = await insertMessage(ctx.db, {
    meeting_code: code,
    client_id: input.clientId,
    sender_identity: ctx.actor.id,
    sender_name: me.name || ctx.actor.name,
    recipient_identity: input.to ?? null,
    room: breakoutRoomOf(breakouts, ctx.actor.id, ctx.now()),
    text,
    created_at: ctx.now(),
  });
  const message = presentMessage(row);
  if (!message.deleted) await publishMessageEvent(ctx, row, { type: 'chat.message', message });
  return { message, created };
}
