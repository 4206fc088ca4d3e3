import { AppError, breakoutRoomOf, breakoutStore } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { requireMember } from './access.js';

/**
 * 403 unless the caller may read meeting `code`'s history: a member of the running meeting,
 * or, once it ended (and its live roster was cleared), someone meeting-service says was one.
 * Writing still needs a live membership. Answers which room's public messages they read: a
 * member reads the room they are in now (their open breakout room's number, or null for the
 * main room); someone looking back at an ended meeting reads every room ('all').
 */
export async function requireHistoryReader(ctx: Ctx, code: string): Promise<number | null | 'all'> {
  try {
    await requireMember(ctx, code);
  } catch (refusal) {
    const guestElsewhere = ctx.actor.kind === 'guest' && ctx.actor.meeting !== code;
    const mayLookBack =
      refusal instanceof AppError && refusal.type === 'not-in-meeting' && !guestElsewhere;
    if (mayLookBack && (await ctx.pastMembers?.(code, ctx.actor.id))) return 'all';
    throw refusal;
  }
  return breakoutRoomOf(await breakoutStore.read(ctx.live, code), ctx.actor.id, ctx.now());
}
