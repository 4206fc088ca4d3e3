import type { PollList } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeetingForPolls } from './poll-access.js';
import { presentPollsFor } from './present-poll.js';
import { listPollRows } from './repo.js';
import { pollDb } from './tables.js';

/**
 * A meeting's polls, oldest first: hosts and co-hosts see drafts and, on polls that are not
 * anonymous, who voted what; everyone in the meeting sees launched polls and their counts.
 */
export async function listPolls({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<PollList> {
  const { meeting, host } = await loadMeetingForPolls(ctx, input.code);
  const db = pollDb(ctx.db);
  const rows = await listPollRows(db, meeting.code, host);
  return { polls: await presentPollsFor(db, rows, { identity: ctx.actor.id, host }) };
}
