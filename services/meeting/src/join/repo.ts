import type { MeetingAttendanceTable, LobbyState, MeetingLobbyTable } from '../meetings/tables.js';
import type { Db } from '../meetings/repo.js';

/** How many are in the meeting now, and whether `identity` is one of them. */
export async function countAttending(
  db: Db,
  code: string,
  identity: string,
): Promise<{ attending: number; mine: boolean }> {
  const row = await db
    .selectFrom('meeting_attendance')
    .select((eb) => [
      eb.fn.countAll<number>().as('attending'),
      eb.fn.countAll<number>().filterWhere('identity', '=', identity).as('mine'),
    ])
    .where('meeting_code', '=', code)
    .where('left_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { attending: Number(row.attending), mine: Number(row.mine) > 0 };
}

/** Opens a stay for `identity` unless one is already open; true when it opened one. */
export async function openAttendance(
  db: Db,
  row: Pick<MeetingAttendanceTable, 'meeting_code' | 'identity' | 'name' | 'role' | 'joined_at'>,
): Promise<boolean> {
  const inserted = await db
    .insertInto('meeting_attendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['meeting_code', 'identity']).where('left_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Closes the open stay of `identity`, or of everyone when `identity` is omitted; returns how many. */
export async function closeAttendance(
  db: Db,
  code: string,
  at: Date,
  identity?: string,
): Promise<number> {
  let query = db
    .updateTable('meeting_attendance')
    .set({ left_at: at })
    .where('meeting_code', '=', code)
    .where('left_at', 'is', null);
  if (identity !== undefined) query = query.where('identity', '=', identity);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The most recent stay of `identity` in a meeting, open or closed. */
export async function lastAttendance(db: Db, code: string, identity: string) {
  return db
    .selectFrom('meeting_attendance')
    .select(['name', 'role'])
    .where('meeting_code', '=', code)
    .where('identity', '=', identity)
    .orderBy('joined_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Puts `entry` in the lobby unless it is there already; returns the entry's current state. */
export async function enterLobby(
  db: Db,
  entry: Omit<MeetingLobbyTable, 'state' | 'decided_at'>,
): Promise<LobbyState> {
  const row = await db
    .insertInto('meeting_lobby')
    .values({ ...entry, state: 'waiting', decided_at: null })
    .onConflict((oc) => oc.columns(['meeting_code', 'identity']).doUpdateSet({ name: entry.name }))
    .returning('state')
    .executeTakeFirstOrThrow();
  return row.state;
}

/** Decides a lobby entry; false when there is no such entry. */
export async function decideLobbyEntry(
  db: Db,
  code: string,
  identity: string,
  state: LobbyState,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('meeting_lobby')
    .set({ state, decided_at: at })
    .where('meeting_code', '=', code)
    .where('identity', '=', identity)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
