import type { Role } from '@gomeet/protocol';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type {
  LobbyState,
  MeetingAttendanceTable,
  MeetingDatabase,
  MeetingLobbyTable,
  MeetingRow,
  MeetingTable,
  NewMeeting,
} from './tables.js';

type Db = Kysely<MeetingDatabase> | Transaction<MeetingDatabase>;

/** A meeting with the standing role (host/co-host) and last attended role of one user in it. */
export type MeetingForUser = MeetingRow & {
  standing_role: 'host' | 'co-host' | null;
  attended_role: Role | null;
};

/** Inserts a meeting; false when its code is already taken. */
export async function insertMeeting(db: Db, row: NewMeeting): Promise<boolean> {
  const inserted = await db
    .insertInto('meetings')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Gives `userId` a standing role in a meeting, replacing any they had. */
export async function upsertRole(
  db: Db,
  code: string,
  userId: string,
  role: 'host' | 'co-host',
  at: Date,
): Promise<void> {
  await db
    .insertInto('meeting_roles')
    .values({ meeting_code: code, user_id: userId, role, granted_at: at })
    .onConflict((oc) =>
      oc.columns(['meeting_code', 'user_id']).doUpdateSet({ role, granted_at: at }),
    )
    .execute();
}

function meetingsFor(db: Db, userId: string) {
  return db
    .selectFrom('meetings as m')
    .leftJoin('meeting_roles as r', (j) =>
      j.onRef('r.meeting_code', '=', 'm.code').on('r.user_id', '=', userId),
    )
    .selectAll('m')
    .select('r.role as standing_role')
    .select((eb) =>
      eb
        .selectFrom('meeting_attendance as a')
        .select('a.role')
        .whereRef('a.meeting_code', '=', 'm.code')
        .where('a.identity', '=', userId)
        .orderBy('a.joined_at', 'desc')
        .limit(1)
        .as('attended_role'),
    );
}

/** One meeting by code, seen by `userId`; undefined when no meeting has that code. */
export async function findMeeting(
  db: Db,
  code: string,
  userId: string,
): Promise<MeetingForUser | undefined> {
  return meetingsFor(db, userId).where('m.code', '=', code).executeTakeFirst();
}

/** A meeting to join, with the joiner's standing role and whether they are in it already. */
export type MeetingToJoin = MeetingForUser & { in_meeting: boolean };

/** One meeting by code for `identity` to join, in one query; undefined when no meeting has that code. */
export async function findMeetingToJoin(
  db: Db,
  code: string,
  identity: string,
): Promise<MeetingToJoin | undefined> {
  const row = await db
    .selectFrom('meetings as m')
    .leftJoin('meeting_roles as r', (j) =>
      j.onRef('r.meeting_code', '=', 'm.code').on('r.user_id', '=', identity),
    )
    .selectAll('m')
    .select('r.role as standing_role')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('meeting_attendance as a')
            .select('a.id')
            .whereRef('a.meeting_code', '=', 'm.code')
            .where('a.identity', '=', identity)
            .where('a.left_at', 'is', null),
        )
        .as('in_meeting'),
    )
    .where('m.code', '=', code)
    .executeTakeFirst();
  return row && { ...row, in_meeting: Boolean(row.in_meeting), attended_role: null };
}

/** The meetings `userId` hosts, co-hosts or attended, newest first. */
export async function listMeetingsOf(
  db: Db,
  userId: string,
  limit: number,
): Promise<MeetingForUser[]> {
  return meetingsFor(db, userId)
    .where((eb) =>
      eb.or([
        eb('r.user_id', 'is not', null),
        eb.exists(
          eb
            .selectFrom('meeting_attendance as a2')
            .select('a2.id')
            .whereRef('a2.meeting_code', '=', 'm.code')
            .where('a2.identity', '=', userId),
        ),
      ]),
    )
    .orderBy('m.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Applies `changes` to a meeting and returns the new row. */
export async function updateMeetingRow(
  db: Db,
  code: string,
  changes: Updateable<MeetingTable>,
): Promise<MeetingRow | undefined> {
  return db
    .updateTable('meetings')
    .set(changes)
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst();
}

/** Reads a meeting and locks its row until the transaction ends, so joins see a stable count. */
export async function lockMeeting(
  trx: Transaction<MeetingDatabase>,
  code: string,
): Promise<MeetingRow | undefined> {
  return trx
    .selectFrom('meetings')
    .selectAll()
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

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

/** True when a meeting has this code. */
export async function meetingExists(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('meetings')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
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
