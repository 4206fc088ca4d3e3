import type { Role } from '@gomeet/protocol';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { MeetingDatabase, MeetingRow, MeetingTable, NewMeeting } from './tables.js';

/** A database handle or an open transaction. */
export type Db = Kysely<MeetingDatabase> | Transaction<MeetingDatabase>;

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

/** Takes the co-host role away from `userId` (the host's row is never touched). */
export async function deleteCoHost(db: Db, code: string, userId: string): Promise<void> {
  await db
    .deleteFrom('meeting_roles')
    .where('meeting_code', '=', code)
    .where('user_id', '=', userId)
    .where('role', '=', 'co-host')
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

/** True when a meeting has this code. */
export async function meetingExists(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('meetings')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}
