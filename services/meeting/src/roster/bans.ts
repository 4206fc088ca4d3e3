import { AppError } from '@gomeet/platform';
import type { Db } from '../meetings/repo.js';

/** True when `identity` was removed from meeting `code` (and so may never join it again). */
export async function isBanned(db: Db, code: string, identity: string): Promise<boolean> {
  const row = await db
    .selectFrom('meeting_bans')
    .select('identity')
    .where('meeting_code', '=', code)
    .where('identity', '=', identity)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records that `identity` is removed from meeting `code` for good; a second ban changes nothing. */
export async function insertBan(
  db: Db,
  row: { meeting_code: string; identity: string; banned_by: string; banned_at: Date },
): Promise<void> {
  await db
    .insertInto('meeting_bans')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_code', 'identity']).doNothing())
    .execute();
}

/** The 403 for someone a host removed; they can never come back. */
export function removedFromMeeting(): AppError {
  return new AppError('FORBIDDEN', 'A host removed you from this meeting.', {
    type: 'removed-from-meeting',
  });
}
