import { AppError, roster } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { isHostRole, loadMeeting, roleOf } from '../meetings/access.js';
import { isMember } from '../roster/roster-store.js';
import { findPoll } from './repo.js';
import { pollDb, type PollRow } from './tables.js';

/** The 404 for a poll id this meeting has none of. */
export function pollNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This meeting has no such poll.', { type: 'poll-not-found' });
}

/**
 * The meeting and whether the caller runs it. Hosts and co-hosts may always read its polls
 * (also after it ended: results are kept); anyone else only while in the meeting (403).
 */
export async function loadMeetingForPolls(ctx: Ctx, rawCode: string) {
  const meeting = await loadMeeting(ctx, rawCode);
  const host = isHostRole(roleOf(meeting, ctx.actor));
  if (!host && !isMember(await roster.get(ctx.live, meeting.code, ctx.actor.id)))
    throw new AppError('FORBIDDEN', 'Join the meeting to see and answer its polls.', {
      type: 'not-in-meeting',
    });
  return { meeting, host };
}

/** One poll of meeting `code` (404 when it has none with this id). */
export async function loadPoll(ctx: Ctx, code: string, id: string): Promise<PollRow> {
  const row = await findPoll(pollDb(ctx.db), code, id);
  if (!row) throw pollNotFound();
  return row;
}
