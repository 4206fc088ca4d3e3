import type { Meeting } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { isOver, requireUser } from './access.js';
import { myRoleIn, presentMeeting } from './present-meeting.js';
import { listMeetingsOf } from './repo.js';

const LIMIT = 200;

function startOrder(meeting: Meeting): number {
  return meeting.startsAt ? Date.parse(meeting.startsAt) : Number.MAX_SAFE_INTEGER;
}

/**
 * The caller's meetings (hosted, co-hosted or attended): upcoming ones (scheduled or live,
 * soonest first, unscheduled last) and past ones (ended or cancelled, latest first).
 */
export async function listMyMeetings({
  ctx,
}: {
  ctx: Ctx;
}): Promise<{ upcoming: Meeting[]; past: Meeting[] }> {
  requireUser(ctx.actor, 'list meetings');
  const rows = await listMeetingsOf(ctx.db, ctx.actor.id, LIMIT);
  const upcoming: Meeting[] = [];
  const past: Meeting[] = [];
  for (const row of rows) {
    const meeting = presentMeeting(row, ctx.publicUrl, myRoleIn(row, ctx.actor.id));
    (isOver(row) ? past : upcoming).push(meeting);
  }
  upcoming.sort((a, b) => startOrder(a) - startOrder(b) || a.createdAt.localeCompare(b.createdAt));
  past.sort((a, b) => (b.endedAt ?? b.createdAt).localeCompare(a.endedAt ?? a.createdAt));
  return { upcoming, past };
}
