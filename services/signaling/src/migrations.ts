import { sql, type Kysely, type Migration } from 'kysely';

/** Forward-only migrations of the signaling-service's tables. */
export const signalingMigrations: Record<string, Migration> = {
  '0001_livekit_webhook_events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('livekit_webhook_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('room', 'text')
        .addColumn('participant_identity', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createIndex('livekit_webhook_events_room')
        .on('livekit_webhook_events')
        .columns(['room', 'created_at'])
        .execute();
    },
  },
};
