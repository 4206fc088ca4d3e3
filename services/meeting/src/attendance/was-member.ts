import type { Kysely } from 'kysely';
import type { MeetingDeps } from '../deps.js';
import type { MeetingDatabase } from '../meetings/tables.js';

/**
 * Whether `identity` belonged to meeting `code`, now that it is over: its host or a co-host,
 * or someone who attended and was not removed. False while the meeting runs (the live roster
 * answers then). Chat asks this to keep a meeting's history readable after it ended.
 */
export async function wasMemberOfEndedMeeting(
  db: MeetingDeps['db'],
  code: string,
  identity: string,
): Promise<boolean> {
  const row = await (db as Kysely<MeetingDatabase>)
    .selectFrom('meetings as m')
    .select('m.code')
    .where('m.code', '=', code)
    .where('m.state', 'in', ['ended', 'cancelled'])
    .where((eb) =>
      eb
        .not(
          eb.exists(
            eb
              .selectFrom('meeting_bans')
              .select('identity')
              .whereRef('meeting_code', '=', 'm.code')
              .where('identity', '=', identity),
          ),
        )
        .and(
          eb.or([
            eb('m.host_id', '=', identity),
            eb.exists(
              eb
                .selectFrom('meeting_roles')
                .select('user_id')
                .whereRef('meeting_code', '=', 'm.code')
                .where('user_id', '=', identity),
            ),
            eb.exists(
              eb
                .selectFrom('meeting_attendance')
                .select('identity')
                .whereRef('meeting_code', '=', 'm.code')
                .where('identity', '=', identity),
            ),
          ]),
        ),
    )
    .executeTakeFirst();
  return row !== undefined;
}
