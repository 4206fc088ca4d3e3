import { AppError, isModerator, roster, type RosterEntry } from '@gomeet/platform';
import { MEETING_CODE } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';

/**
 * The canonical form of a meeting code as a person may type it ("ABC DEFG HIJ",
 * "abcdefghij"); 404 when it cannot be one. The roster is keyed by the canonical code.
 */
export function canonicalCode(input: string): string {
  const bare = input.toLowerCase().replace(/[^a-z]/g, '');
  const code = `${bare.slice(0, 3)}-${bare.slice(3, 7)}-${bare.slice(7)}`;
  if (bare.length !== 10 || !MEETING_CODE.test(code)) {
    throw new AppError('NOT_FOUND', `No meeting has the code "${input}".`);
  }
  return code;
}

/** Roster states that make someone a full member: in the room, or let in from the lobby. */
export function isMember(entry: RosterEntry | undefined): boolean {
  return entry?.state === 'joined' || entry?.state === 'admitted';
}

/**
 * The caller's roster entry in meeting `code`, when they are a full member of it; 403
 * otherwise. A guest token only ever opens the one meeting it was issued for.
 */
export async function requireMember(ctx: Ctx, code: string): Promise<RosterEntry> {
  if (ctx.actor.kind === 'guest' && ctx.actor.meeting !== code) {
    throw new AppError('FORBIDDEN', 'This guest pass is for another meeting.');
  }
  const entry = await roster.get(ctx.live, code, ctx.actor.id);
  if (entry && isMember(entry)) return entry;
  const state = entry?.state;
  const why =
    state === 'removed'
      ? 'You were removed from this meeting.'
      : state === 'waiting'
        ? 'You are still waiting in the lobby.'
        : 'Join the meeting to use its chat.';
  throw new AppError('FORBIDDEN', why, { type: 'not-in-meeting' });
}

/** Whether this member may delete other people's messages. */
export function canModerate(entry: RosterEntry): boolean {
  return isModerator(entry.role);
}
