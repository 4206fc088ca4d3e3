import { AppError, publishToMeeting, roster } from '@gomeet/platform';
import type { PollView } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { requireNotOver } from '../meetings/access.js';
import { loadMeetingForPolls, pollNotFound } from './poll-access.js';
import { presentPollsFor } from './present-poll.js';
import { publishPoll } from './publish-poll.js';
import { pollDb, type PollDb, type PollRow } from './tables.js';

function badChoices(message: string): AppError {
  return new AppError('VALIDATION', message, {
    errors: [{ field: 'body.choices', message }],
  });
}

/** 400 naming `body.choices` unless the choices fit the poll's answers and kind. */
function checkChoices(poll: PollRow, answers: number, choices: number[]): void {
  if (!poll.multiple && choices.length !== 1)
    throw badChoices('this poll takes exactly one answer');
  const outside = choices.find((c) => c >= answers);
  if (outside !== undefined) throw badChoices(`answer ${outside} does not exist on this poll`);
}

/**
 * Stores one ballot in a transaction that holds the poll row `FOR SHARE`: votes run side by
 * side, while a close waits for them and none lands after it. The ballot's primary key is the
 * "once" rule; false when this voter had voted already.
 */
async function storeBallot(
  db: PollDb,
  poll: { id: string; code: string },
  voter: { identity: string; name: string; at: Date },
  choices: number[],
): Promise<{ row: PollRow; answers: number; stored: boolean }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('meeting_polls')
      .selectAll()
      .where('id', '=', poll.id)
      .where('meeting_code', '=', poll.code)
      .forShare()
      .executeTakeFirst();
    if (!row) throw pollNotFound();
    if (row.state !== 'open')
      throw new AppError('CONFLICT', 'This poll is not open for votes.', { type: 'poll-not-open' });
    const { answers } = await trx
      .selectFrom('meeting_poll_options')
      .select((eb) => eb.fn.countAll<string>().as('answers'))
      .where('poll_id', '=', row.id)
      .executeTakeFirstOrThrow();
    checkChoices(row, Number(answers), choices);
    const ballot = await trx
      .insertInto('meeting_poll_ballots')
      .values({
        poll_id: row.id,
        voter_identity: voter.identity,
        voter_name: voter.name,
        voted_at: voter.at,
      })
      .onConflict((oc) => oc.columns(['poll_id', 'voter_identity']).doNothing())
      .returning('voter_identity')
      .executeTakeFirst();
    if (!ballot) return { row, answers: Number(answers), stored: false };
    await trx
      .insertInto('meeting_poll_choices')
      .values(
        choices.map((position) => ({ poll_id: row.id, voter_identity: voter.identity, position })),
      )
      .execute();
    return { row, answers: Number(answers), stored: true };
  });
}

/**
 * Casts the caller's vote on an open poll (anyone in the meeting, once: 409 the second time).
 * Everyone gets the new counts; on a poll that is not anonymous, hosts also get the ballot.
 */
export async function voteInPoll({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; pollId: string; choices: number[] };
}): Promise<PollView> {
  const { meeting, host } = await loadMeetingForPolls(ctx, input.code);
  requireNotOver(meeting);
  const entry = await roster.get(ctx.live, meeting.code, ctx.actor.id);
  const voter = { identity: ctx.actor.id, name: entry?.name ?? ctx.actor.name, at: ctx.now() };
  const choices = [...input.choices].sort((a, b) => a - b);
  const db = pollDb(ctx.db);
  const { row, stored } = await storeBallot(
    db,
    { id: input.pollId, code: meeting.code },
    voter,
    choices,
  );
  if (!stored)
    throw new AppError('CONFLICT', 'You have already voted in this poll.', {
      type: 'already-voted',
    });
  await publishPoll(ctx, row);
  if (!row.anonymous)
    await publishToMeeting(
      ctx.bus,
      meeting.code,
      {
        type: 'poll.ballot',
        pollId: row.id,
        ballot: { identity: voter.identity, name: voter.name, choices },
      },
      'hosts',
    );
  const [view] = await presentPollsFor(db, [row], { identity: ctx.actor.id, host });
  if (!view) throw new Error('a voted poll reads back');
  return view;
}
