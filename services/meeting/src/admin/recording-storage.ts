import type { AdminRecordings } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import type { Db } from '../meetings/repo.js';

/** How many meetings the storage summary names. */
const LARGEST = 10;

/** Recording storage in use: files kept, their bytes, what was deleted, and the largest meetings. */
export async function recordingStorage(
  db: Db,
  deps: Pick<MeetingDeps, 'recordings'>,
): Promise<AdminRecordings> {
  const totals = await db
    .selectFrom('meeting_recordings')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('recordings'),
      eb.fn
        .countAll<number | string>()
        .filterWhere((w) => w.and([w('object_key', 'is not', null), w('deleted_at', 'is', null)]))
        .as('stored_files'),
      eb.fn
        .sum<number | string | null>('bytes')
        .filterWhere((w) => w.and([w('object_key', 'is not', null), w('deleted_at', 'is', null)]))
        .as('stored_bytes'),
      eb.fn
        .countAll<number | string>()
        .filterWhere('deleted_at', 'is not', null)
        .as('deleted_files'),
    ])
    .executeTakeFirstOrThrow();
  const largest = await db
    .selectFrom('meeting_recordings as r')
    .innerJoin('meetings as m', 'm.code', 'r.meeting_code')
    .select((eb) => [
      'r.meeting_code',
      'm.title',
      eb.fn.countAll<number | string>().as('files'),
      eb.fn.sum<number | string | null>('r.bytes').as('bytes'),
    ])
    .where('r.object_key', 'is not', null)
    .where('r.deleted_at', 'is', null)
    .groupBy(['r.meeting_code', 'm.title'])
    .orderBy('bytes', 'desc')
    .orderBy('r.meeting_code')
    .limit(LARGEST)
    .execute();
  return {
    storage: deps.recordings?.storage.kind ?? null,
    recordings: Number(totals.recordings),
    storedFiles: Number(totals.stored_files),
    storedBytes: Number(totals.stored_bytes ?? 0),
    deletedFiles: Number(totals.deleted_files),
    largest: largest.map((r) => ({
      meetingCode: r.meeting_code,
      title: r.title,
      files: Number(r.files),
      bytes: Number(r.bytes ?? 0),
    })),
  };
}
