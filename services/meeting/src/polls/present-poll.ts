import type { Poll, PollView } from '@gomeet/protocol';
import { ballotsOf, choicesOf, tallies, voterCounts } from './repo.js';
import type { PollDb, PollRow } from './tables.js';

/** Who reads the polls: their own ballot is theirs; hosts also see others' on open polls. */
export interface PollViewer {
  identity: string;
  host: boolean;
}

function toPoll(
  row: PollRow,
  options: Map<string, Poll['options']>,
  voters: Map<string, number>,
): Poll {
  return {
    id: row.id,
    question: row.question,
    multiple: row.multiple,
    anonymous: row.anonymous,
    state: row.state,
    shared: row.shared,
    options: options.get(row.id) ?? [],
    voters: voters.get(row.id) ?? 0,
    createdAt: row.created_at.toISOString(),
    openedAt: row.opened_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}

/** Polls with their counts, as everyone may see them (the socket's `poll.updated`). */
export async function presentPoll(db: PollDb, row: PollRow): Promise<Poll> {
  const [options, voters] = await Promise.all([tallies(db, [row.id]), voterCounts(db, [row.id])]);
  return toPoll(row, options, voters);
}

/** Polls as `viewer` reads them: counts, their own choices, and (hosts) who voted what. */
export async function presentPollsFor(
  db: PollDb,
  rows: PollRow[],
  viewer: PollViewer,
): Promise<PollView[]> {
  const ids = rows.map((r) => r.id);
  const named = viewer.host ? rows.filter((r) => !r.anonymous).map((r) => r.id) : [];
  const [options, voters, mine, ballots] = await Promise.all([
    tallies(db, ids),
    voterCounts(db, ids),
    choicesOf(db, ids, viewer.identity),
    ballotsOf(db, named),
  ]);
  return rows.map((row) => ({
    ...toPoll(row, options, voters),
    myChoices: mine.get(row.id) ?? null,
    ...(named.includes(row.id) ? { ballots: ballots.get(row.id) ?? [] } : {}),
  }));
}
