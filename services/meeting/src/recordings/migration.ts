import { sql, type Kysely } from 'kysely';

/** The states in which a meeting counts as being recorded (or about to be): one at a time. */
export const ACTIVE_STATES = ['requested', 'starting', 'recording', 'stopping'] as const;

/**
 * Migration 0005_recordings: one row per recording, its state machine, and at most one active
 * recording per meeting — enforced by a partial unique index, so two hosts pressing Record on
 * two pods at once cannot both win.
 */
export async function createRecordingTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_code', 'text', (c) =>
      c.notNull().references('meetings.code').onDelete('cascade'),
    )
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`state in ('requested', 'starting', 'recording', 'stopping', 'uploading', 'ready', 'failed')`,
        ),
    )
    .addColumn('audio_only', 'boolean', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('partial', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('object_key', 'text')
    .addColumn('bytes', 'bigint')
    .addColumn('duration_ms', 'integer')
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('meeting_recordings_one_active_idx')
    .on('meeting_recordings')
    .column('meeting_code')
    .unique()
    .where(sql<boolean>`state in (${sql.raw(ACTIVE_STATES.map((s) => `'${s}'`).join(', '))})`)
    .execute();
  await db.schema
    .createIndex('meeting_recordings_meeting_idx')
    .on('meeting_recordings')
    .columns(['meeting_code', 'requested_at'])
    .execute();
}
