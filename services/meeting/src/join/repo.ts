import { sql } from 'kysely';
import type { MeetingAttendanceTable } from '../meetings/tables.js';
import type { Db } from '../meetings/repo.js';

/** How many are in the meeting now, and whether `identity` is one of them. */
export async function countAttending(
  db: Db,
  code: string,
  identity: string,
): Promise<{ attending: number; guests: number; mine: boolean }> {
  const row = await db
    .selectFrom('meeting_attendance')
    .select((eb) => [
      eb.fn.countAll<number>().as('attending'),
      eb.fn.countAll<number>().filterWhere('identity', '=', identity).as('mine'),
      eb.fn.countAll<number>().filterWhere('role', '=', 'guest').as('guests'),
    ])
    .where('meeting_code', '=', code)
    .where('left_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    attending: Number(row.attending),
    guests: Number(row.guests),
    mine: Number(row.mine) > 0,
  };
}

/** Who is in when a seat is asked for, and whether the asker got one. */
export interface SeatClaim {
  attending: number;
  guests: number;
  /** The asker already had an open stay (and keeps it). */
  mine: boolean;
  banned: boolean;
  /** A stay was opened for the asker. */
  opened: boolean;
}

/**
 * In one statement: counts who is in, checks the ban, and opens a stay for `row` when it has
 * none, is not banned, and the meeting (and, for a guest, the guest ceiling) has room. Run it
 * under the meeting's row lock, as its own statement after taking the lock: a statement's
 * counts are as of its start, so they then include every seat taken before the lock was ours.
 */
export async function claimSeat(
  db: Db,
  row: Pick<MeetingAttendanceTable, 'meeting_code' | 'identity' | 'name' | 'role' | 'joined_at'>,
  limits: { maxParticipants: number; maxGuests: number | null },
): Promise<SeatClaim> {
  const { meeting_code: code, identity, name, role, joined_at: at } = row;
  const { rows } = await sql<Record<keyof SeatClaim, number | string | boolean>>`
    with now_in as (
      select count(*) as attending,
             count(*) filter (where identity = ${identity}) as mine,
             count(*) filter (where role = 'guest') as guests
      from meeting_attendance where meeting_code = ${code} and left_at is null
    ), barred as (
      select exists (
        select 1 from meeting_bans where meeting_code = ${code} and identity = ${identity}
      ) as banned
    ), opened as (
      insert into meeting_attendance (meeting_code, identity, name, role, joined_at)
      select ${code}, ${identity}, ${name}, ${role}, ${at} from now_in, barred
      where not barred.banned and now_in.mine = 0
        and now_in.attending < ${limits.maxParticipants}::int
        and (${role}::text <> 'guest' or ${limits.maxGuests}::int is null
             or now_in.guests < ${limits.maxGuests}::int)
      on conflict (meeting_code, identity) where left_at is null do nothing
      returning id
    )
    select attending, guests, mine, banned, (select count(*) from opened) as opened
    from now_in, barred`.execute(db);
  const found = rows[0];
  if (!found) throw new Error('claimSeat: the count returned no row');
  return {
    attending: Number(found.attending),
    guests: Number(found.guests),
    mine: Number(found.mine) > 0,
    banned: found.banned === true,
    opened: Number(found.opened) > 0,
  };
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

/** The latest join seen within a stay. */
export function lastJoinOf(stay: Stay): Date {
  return stay.last_joined_at ?? stay.joined_at;
}

/** A stay's id and times. */
export interface Stay {
  id: number;
  joined_at: Date;
  left_at: Date | null;
  last_joined_at: Date | null;
}

/** The open stay of `identity`, if any. */
export async function openStay(db: Db, code: string, identity: string): Promise<Stay | undefined> {
  return db
    .selectFrom('meeting_attendance')
    .select(['id', 'joined_at', 'left_at', 'last_joined_at'])
    .where('meeting_code', '=', code)
    .where('identity', '=', identity)
    .where('left_at', 'is', null)
    .executeTakeFirst();
}

/** The earliest closed stay of `identity` that ended at or after `at`. */
export async function closedStayEndingAfter(
  db: Db,
  code: string,
  identity: string,
  at: Date,
): Promise<Stay | undefined> {
  return db
    .selectFrom('meeting_attendance')
    .select(['id', 'joined_at', 'left_at', 'last_joined_at'])
    .where('meeting_code', '=', code)
    .where('identity', '=', identity)
    .where('left_at', '>=', at)
    .orderBy('left_at')
    .limit(1)
    .executeTakeFirst();
}

/** Changes one stay's times. */
export async function updateStay(
  db: Db,
  id: number,
  times: { joined_at?: Date; left_at?: Date; last_joined_at?: Date | null },
): Promise<void> {
  await db.updateTable('meeting_attendance').set(times).where('id', '=', id).execute();
}

/** Inserts a stay (open, or already closed). */
export async function insertStay(
  db: Db,
  row: Pick<
    MeetingAttendanceTable,
    'meeting_code' | 'identity' | 'name' | 'role' | 'joined_at' | 'left_at'
  > & { last_joined_at?: Date | null },
): Promise<void> {
  await db.insertInto('meeting_attendance').values(row).execute();
}

/** Closes every stay that was open at `at` (the room finished then). */
export async function closeStaysOpenAt(db: Db, code: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('meeting_attendance')
    .set({ left_at: at })
    .where('meeting_code', '=', code)
    .where('left_at', 'is', null)
    .where('joined_at', '<=', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
