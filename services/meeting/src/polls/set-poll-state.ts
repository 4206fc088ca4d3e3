import { AppError } from '@gomeet/platform';
import type { PollView } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { loadPoll } from './poll-access.js';
import { presentPollsFor } from './present-poll.js';
import { publishPoll } from './publish-poll.js';
import { updatePollFrom } from './repo.js';
import type { Updateable } from 'kysely';
import { pollDb, type PollRow, type PollTable } from './tables.js';

type PollInput = { code: string; pollId: string };

/**
 * Moves a poll on from state `from` (host and co-hosts), tells everyone, and answers the poll
 * as the host sees it. 409 when the poll is not in `from` (launched twice, closed before launch).
 */
async function movePoll(
  ctx: Ctx,
  input: PollInput,
  change: { from: PollRow['state']; set: Updateable<PollTable>; what: string },
): Promise<PollView> {
  const meeting = await loadMeetingToModerate(ctx, input.code, `${change.what} polls`);
  const current = await loadPoll(ctx, meeting.code, input.pollId);
  const db = pollDb(ctx.db);
  const row = await updatePollFrom(db, current.id, change.from, change.set);
  if (!row)
    throw new AppError('CONFLICT', `This poll is ${current.state}; it cannot ${change.what} now.`, {
      type: 'poll-state',
    });
  await publishPoll(ctx, row);
  const [view] = await presentPollsFor(db, [row], { identity: ctx.actor.id, host: true });
  if (!view) throw new Error('an updated poll reads back');
  return view;
}

/** Opens a drafted poll for votes. */
export async function launchPoll({ ctx, input }: { ctx: Ctx; input: PollInput }) {
  return movePoll(ctx, input, {
    from: 'draft',
    set: { state: 'open', opened_at: ctx.now() },
    what: 'launch',
  });
}

/** Stops the votes; the counts stay. */
export async function closePoll({ ctx, input }: { ctx: Ctx; input: PollInput }) {
  return movePoll(ctx, input, {
    from: 'open',
    set: { state: 'closed', closed_at: ctx.now() },
    what: 'close',
  });
}

/** Shows a closed poll's results to everyone (sharing again changes nothing). */
export async function sharePollResults({ ctx, input }: { ctx: Ctx; input: PollInput }) {
  return movePoll(ctx, input, { from: 'closed', set: { shared: true }, what: 'share' });
}
