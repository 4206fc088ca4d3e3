import { sql, type Kysely } from 'kysely';

/** A meeting's repeat rule (JSON, null: once) and the occurrences changed one by one. */
export async function createRecurrence(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('recurrence', 'text').execute();
  await db.schema
    .createTable('meeting_occurrences')
    .addColumn('meeting_code', 'text', (c) =>
      c.notNull().references('meetings.code').onDelete('cascade'),
    )
    // The occurrence's start as the rule gives it: its identity in the series, never changed.
    .addColumn('occurs_at', 'timestamptz', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('starts_at', 'timestamptz')
    .addColumn('duration_minutes', 'integer')
    .addColumn('cancelled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('meeting_occurrences_pk', ['meeting_code', 'occurs_at'])
    .execute();
}
