import type { Db } from '../meetings/repo.js';
import type { StayRecord } from './summarize-attendance.js';

/** Every recorded stay in meeting `code`, in join order. */
export async function listStays(db: Db, code: string): Promise<StayRecord[]> {
  return db
    .selectFrom('meeting_attendance')
    .select(['identity', 'name', 'role', 'joined_at', 'left_at'])
    .where('meeting_code', '=', code)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
}
