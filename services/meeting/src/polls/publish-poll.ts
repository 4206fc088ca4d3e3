import { publishToMeeting } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { presentPoll } from './present-poll.js';
import { pollDb, type PollRow } from './tables.js';

/** Tells the meeting a poll changed, with its counts: drafts to hosts only, the rest to all. */
export async function publishPoll(ctx: Ctx, row: PollRow): Promise<void> {
  const poll = await presentPoll(pollDb(ctx.db), row);
  const audience = row.state === 'draft' ? 'hosts' : 'all';
  await publishToMeeting(ctx.bus, row.meeting_code, { type: 'poll.updated', poll }, audience);
}
