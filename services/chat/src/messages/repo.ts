import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { ChatDatabase, ChatMessageRow, NewChatMessage } from './tables.js';

type Eb = ExpressionBuilder<ChatDatabase, 'chat_messages'>;

/** Messages `viewer` may see: public ones, and private ones they sent or received. */
function visibleTo(viewer: string) {
  return (eb: Eb) =>
    eb.or([
      eb('recipient_identity', 'is', null),
      eb('sender_identity', '=', viewer),
      eb('recipient_identity', '=', viewer),
    ]);
}

/**
 * Public messages said in `room` (a breakout room's number, or null: the main room), or in any
 * room ('all'); private messages whatever the room.
 */
function inRoom(room: number | null | 'all') {
  return (eb: Eb) =>
    room === 'all'
      ? eb.lit(true)
      : eb.or([
          eb('recipient_identity', 'is not', null),
          room === null ? eb('room', 'is', null) : eb('room', '=', room),
        ]);
}

/**
 * Stores a message once per (meeting, sender, client id). Returns the stored row and whether
 * this call created it; a retry gets the row the first attempt stored.
 *
 * The per-meeting advisory lock makes ids commit in order within a meeting, so a reader
 * paging with `after` can never see id 11 before id 10 has committed and then skip 10.
 */
export async function insertMessage(
  db: Kysely<ChatDatabase>,
  row: NewChatMessage,
): Promise<{ row: ChatMessageRow; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`chat:${row.meeting_code}`}))`.execute(trx);
    const inserted = await trx
      .insertInto('chat_messages')
      .values(row)
      .onConflict((oc) => oc.columns(['meeting_code', 'sender_identity', 'client_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: inserted, created: true };
    const existing = await trx
      .selectFrom('chat_messages')
      .selectAll()
      .where('meeting_code', '=', row.meeting_code)
      .where('sender_identity', '=', row.sender_identity)
      .where('client_id', '=', row.client_id)
      .executeTakeFirstOrThrow();
    return { row: existing, created: false };
  });
}

/** One message of a meeting, if `viewer` may see it. */
export async function findVisibleMessage(
  db: Kysely<ChatDatabase>,
  code: string,
  id: string,
  viewer: string,
): Promise<ChatMessageRow | undefined> {
  return db
    .selectFrom('chat_messages')
    .selectAll()
    .where('meeting_code', '=', code)
    .where('seq', '=', id)
    .where(visibleTo(viewer))
    .executeTakeFirst();
}

/** Which page of history to read: older than `before`, newer than `after`, or the latest. */
export interface HistoryPage {
  code: string;
  viewer: string;
  /** Whose room's public messages: a breakout room's number, the main room (null), or all. */
  room: number | null | 'all';
  before?: string | undefined;
  after?: string | undefined;
  /** Rows to return; one more is read to tell whether there are more. */
  limit: number;
}

/**
 * Up to `limit + 1` messages `viewer` may see, nearest the cursor first: ascending after
 * `after`, descending otherwise (the latest, or those before `before`).
 */
export async function listMessages(
  db: Kysely<ChatDatabase>,
  page: HistoryPage,
): Promise<ChatMessageRow[]> {
  let query = db
    .selectFrom('chat_messages')
    .selectAll()
    .where('meeting_code', '=', page.code)
    .where(visibleTo(page.viewer))
    .where(inRoom(page.room));
  if (page.after !== undefined) {
    query = query.where('seq', '>', page.after).orderBy('seq', 'asc');
  } else {
    if (page.before !== undefined) query = query.where('seq', '<', page.before);
    query = query.orderBy('seq', 'desc');
  }
  return query.limit(page.limit + 1).execute();
}

/** Replaces a message's text; returns the updated row. */
export async function updateMessageText(
  db: Kysely<ChatDatabase>,
  id: string,
  text: string,
  at: Date,
): Promise<ChatMessageRow | undefined> {
  return db
    .updateTable('chat_messages')
    .set({ text, edited_at: at })
    .where('seq', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Marks a message deleted and erases its text; undefined when it already was. */
export async function markMessageDeleted(
  db: Kysely<ChatDatabase>,
  id: string,
  at: Date,
): Promise<ChatMessageRow | undefined> {
  return db
    .updateTable('chat_messages')
    .set({ text: '', deleted_at: at })
    .where('seq', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
