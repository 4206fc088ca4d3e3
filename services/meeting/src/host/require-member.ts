import { AppError, roster } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { isMember } from '../roster/roster-store.js';

/** Throws 404 unless `identity` is in meeting `code` (joined, or admitted and on the way). */
export async function requireMember(ctx: Ctx, code: string, identity: string): Promise<void> {
  if (isMember(await roster.get(ctx.live, code, identity))) return;
  throw new AppError('NOT_FOUND', 'Nobody with this identity is in the meeting.', {
    type: 'participant-not-found',
  });
}
