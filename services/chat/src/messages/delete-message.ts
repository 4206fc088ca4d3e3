import { AppError } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { canModerate, canonicalCode, requireMember } from './access.js';
import { publishMessageEvent } from './publish-event.js';
import { findVisibleMessage, markMessageDeleted } from './repo.js';

/**
 * Deletes a message: the caller's own, or anyone's they can see when they host or co-host.
 * The text is erased; `chat.deleted` goes to the message's audience. Deleting twice is a no-op.
 */
export async function deleteMessage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; id: string };
}): Promise<void> {
  const code = canonicalCode(input.code);
  const me = await requireMember(ctx, code);
  const existing = await findVisibleMessage(ctx.db, code, input.id, ctx.actor.id);
  if (!existing) throw new AppError('NOT_FOUND', 'No such message in this meeting.');
  if (existing.sender_identity !== ctx.actor.id && !canModerate(me)) {
    throw new AppError('FORBIDDEN', 'Only hosts and co-hosts can delete other people’s messages.');
  }
  const row = await markMessageDeleted(ctx.db, input.id, ctx.now());
  if (row) await publishMessageEvent(ctx, row, { type: 'chat.deleted', id: String(row.seq) });
}
