import type { Db } from '../meetings/repo.js';
import type { MeetingRow } from '../meetings/tables.js';
import { parseStoredRule, type OccurrenceChange, type Series } from './series.js';

/** The series a meeting row repeats as, or null when it happens once. */
export function seriesOf(row: MeetingRow): Series | null {
  const rule = parseStoredRule(row.recurrence);
  if (!rule || !row.starts_at) return null;
  return { start: row.starts_at, durationMinutes: row.duration_minutes, title: row.title, rule };
}

/** Every occurrence of meeting `code` changed on its own. */
export async function listOccurrenceChanges(db: Db, code: string): Promise<OccurrenceChange[]> {
  const rows = await db
    .selectFrom('meeting_occurrences')
    .selectAll()
    .where('meeting_code', '=', code)
    .orderBy('occurs_at')
    .execute();
  return rows.map((r) => ({
    occursAt: r.occurs_at,
    title: r.title,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    cancelled: r.cancelled,
  }));
}

/** Stores the changes of one occurrence (replacing earlier ones). */
export async function saveOccurrenceChange(
  db: Db,
  code: string,
  change: OccurrenceChange,
  now: Date,
): Promise<void> {
  const values = {
    title: change.title,
    starts_at: change.startsAt,
    duration_minutes: change.durationMinutes,
    cancelled: change.cancelled,
    updated_at: now,
  };
  await db
    .insertInto('meeting_occurrences')
    .values({ meeting_code: code, occurs_at: change.occursAt, ...values })
    .onConflict((oc) => oc.columns(['meeting_code', 'occurs_at']).doUpdateSet(values))
    .execute();
}

/**
 * Forgets the changes of occurrences from `from` on: after the series' start or rule changed,
 * they may no longer be occurrences of it. Past ones stay as they were.
 */
export async function dropOccurrenceChangesFrom(db: Db, code: string, from: Date): Promise<void> {
  await db
    .deleteFrom('meeting_occurrences')
    .where('meeting_code', '=', code)
    .where('occurs_at', '>=', from)
    .execute();
}
