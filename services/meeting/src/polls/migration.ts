import { sql, type Kysely } from 'kysely';

/** Migration 0006_polls: polls, their answers, and ballots a voter can cast only once. */
export async function createPollTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_polls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_code', 'text', (c) =>
      c.notNull().references('meetings.code').onDelete('cascade'),
    )
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('multiple', 'boolean', (c) => c.notNull())
    .addColumn('anonymous', 'boolean', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'open', 'closed')`))
    .addColumn('shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('meeting_polls_meeting_idx')
    .on('meeting_polls')
    .columns(['meeting_code', 'created_at'])
    .execute();
  await db.schema
    .createTable('meeting_poll_options')
    .addColumn('poll_id', 'text', (c) =>
      c.notNull().references('meeting_polls.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_poll_options_pk', ['poll_id', 'position'])
    .execute();
  // The primary key is the "vote once" rule: a second ballot from one voter cannot be stored.
  await db.schema
    .createTable('meeting_poll_ballots')
    .addColumn('poll_id', 'text', (c) =>
      c.notNull().references('meeting_polls.id').onDelete('cascade'),
    )
    .addColumn('voter_identity', 'text', (c) => c.notNull())
    .addColumn('voter_name', 'text', (c) => c.notNull())
    .addColumn('voted_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_poll_ballots_pk', ['poll_id', 'voter_identity'])
    .execute();
  await db.schema
    .createTable('meeting_poll_choices')
    .addColumn('poll_id', 'text', (c) => c.notNull())
    .addColumn('voter_identity', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_poll_choices_pk', ['poll_id', 'voter_identity', 'position'])
    .addForeignKeyConstraint(
      'meeting_poll_choices_ballot_fk',
      ['poll_id', 'voter_identity'],
      'meeting_poll_ballots',
      ['poll_id', 'voter_identity'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'meeting_poll_choices_option_fk',
      ['poll_id', 'position'],
      'meeting_poll_options',
      ['poll_id', 'position'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}
