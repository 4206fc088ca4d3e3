import type { PollBallot } from '@gomeet/protocol';
import type { Updateable } from 'kysely';
import type { PollDb, PollRow, PollTable } from './tables.js';

/** Stores a draft poll and its answers, in one transaction. */
export async function insertPoll(db: PollDb, row: PollRow, options: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('meeting_polls').values(row).execute();
    await trx
      .insertInto('meeting_poll_options')
      .values(options.map((text, position) => ({ poll_id: row.id, position, text })))
      .execute();
  });
}

/** One poll of meeting `code`, or undefined. */
export async function findPoll(db: PollDb, code: string, id: string): Promise<PollRow | undefined> {
  return db
    .selectFrom('meeting_polls')
    .selectAll()
    .where('meeting_code', '=', code)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Meeting `code`'s polls, oldest first; drafts only when asked (hosts). */
export async function listPollRows(
  db: PollDb,
  code: string,
  withDrafts: boolean,
): Promise<PollRow[]> {
  let query = db.selectFrom('meeting_polls').selectAll().where('meeting_code', '=', code);
  if (!withDrafts) query = query.where('state', '!=', 'draft');
  return query.orderBy('created_at').orderBy('id').execute();
}

/**
 * Changes a poll only from state `from` (launch: draft → open, close: open → closed, share:
 * closed); the row as written, or undefined when it was not in `from`.
 */
export async function updatePollFrom(
  db: PollDb,
  id: string,
  from: PollRow['state'],
  set: Updateable<PollTable>,
): Promise<PollRow | undefined> {
  return db
    .updateTable('meeting_polls')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', from)
    .returningAll()
    .executeTakeFirst();
}

/** Each poll's answers with their vote counts, in position order. */
export async function tallies(
  db: PollDb,
  ids: string[],
): Promise<Map<string, { text: string; votes: number }[]>> {
  const out = new Map<string, { text: string; votes: number }[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('meeting_poll_options as o')
    .leftJoin('meeting_poll_choices as c', (j) =>
      j.onRef('c.poll_id', '=', 'o.poll_id').onRef('c.position', '=', 'o.position'),
    )
    .select(['o.poll_id', 'o.position', 'o.text'])
    .select((eb) => eb.fn.count<string>('c.voter_identity').as('votes'))
    .where('o.poll_id', 'in', ids)
    .groupBy(['o.poll_id', 'o.position', 'o.text'])
    .orderBy('o.position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.poll_id) ?? [];
    list.push({ text: r.text, votes: Number(r.votes) });
    out.set(r.poll_id, list);
  }
  return out;
}

/** Every ballot of the polls, with its choices, oldest first. */
export async function ballotsOf(db: PollDb, ids: string[]): Promise<Map<string, PollBallot[]>> {
  const out = new Map<string, PollBallot[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('meeting_poll_ballots as b')
    .innerJoin('meeting_poll_choices as c', (j) =>
      j.onRef('c.poll_id', '=', 'b.poll_id').onRef('c.voter_identity', '=', 'b.voter_identity'),
    )
    .select(['b.poll_id', 'b.voter_identity', 'b.voter_name', 'c.position'])
    .where('b.poll_id', 'in', ids)
    .orderBy('b.voted_at')
    .orderBy('b.voter_identity')
    .orderBy('c.position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.poll_id) ?? [];
    const last = list.at(-1);
    if (last?.identity === r.voter_identity) last.choices.push(r.position);
    else list.push({ identity: r.voter_identity, name: r.voter_name, choices: [r.position] });
    out.set(r.poll_id, list);
  }
  return out;
}

/** One voter's choices on each poll they voted in. */
export async function choicesOf(
  db: PollDb,
  ids: string[],
  identity: string,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('meeting_poll_choices')
    .select(['poll_id', 'position'])
    .where('poll_id', 'in', ids)
    .where('voter_identity', '=', identity)
    .orderBy('position')
    .execute();
  for (const r of rows) out.set(r.poll_id, [...(out.get(r.poll_id) ?? []), r.position]);
  return out;
}

/** How many people voted in each poll. */
export async function voterCounts(db: PollDb, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('meeting_poll_ballots')
    .select('poll_id')
    .select((eb) => eb.fn.countAll<string>().as('voters'))
    .where('poll_id', 'in', ids)
    .groupBy('poll_id')
    .execute();
  return new Map(rows.map((r) => [r.poll_id, Number(r.voters)]));
}
