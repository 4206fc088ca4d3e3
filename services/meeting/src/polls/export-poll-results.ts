import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost } from '../meetings/access.js';
import { toCsv } from './csv.js';
import { loadPoll } from './poll-access.js';
import { presentPollsFor } from './present-poll.js';
import { pollDb } from './tables.js';

/**
 * A poll's results as CSV (host and co-hosts, also after the meeting ended): one row per
 * answer with its votes and, unless the poll is anonymous, who chose it.
 */
export async function exportPollResults({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; pollId: string };
}): Promise<{ filename: string; csv: string }> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'export poll results');
  const row = await loadPoll(ctx, meeting.code, input.pollId);
  const [poll] = await presentPollsFor(pollDb(ctx.db), [row], {
    identity: ctx.actor.id,
    host: true,
  });
  if (!poll) throw new Error('a stored poll reads back');
  const voters = (position: number) =>
    (poll.ballots ?? [])
      .filter((b) => b.choices.includes(position))
      .map((b) => b.name)
      .join('; ');
  const rows = poll.options.map((o, position) => [
    poll.question,
    o.text,
    o.votes,
    ...(poll.anonymous ? [] : [voters(position)]),
  ]);
  const header = ['question', 'answer', 'votes', ...(poll.anonymous ? [] : ['voters'])];
  return { filename: `poll-${meeting.code}-${poll.id}.csv`, csv: toCsv([header, ...rows]) };
}
