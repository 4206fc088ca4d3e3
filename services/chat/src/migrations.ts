import { sql, type Kysely, type Migration } from 'kysely';

async function createMessages(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chat_messages')
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('meeting_code', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('sender_identity', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('recipient_identity', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addCheckConstraint('chat_messages_text_length', sql`char_length(text) <= 4000`)
    .execute();
  // A retried post (same sender, same client id) can never store a second row.
  await db.schema
    .createIndex('chat_messages_client_id_idx')
    .on('chat_messages')
    .columns(['meeting_code', 'sender_identity', 'client_id'])
    .unique()
    .execute();
  // History: one meeting's messages by cursor, either direction.
  await db.schema
    .createIndex('chat_messages_history_idx')
    .on('chat_messages')
    .columns(['meeting_code', 'seq'])
    .execute();
}

/** The chat-service's forward-only migrations; run with `migrate(db, 'chat', chatMigrations)`. */
export const chatMigrations: Record<string, Migration> = {
  '0001_chat_messages': {
    async up(db) {
      await createMessages(db);
    },
  },
  // Chat is per breakout room: a public message belongs to the room it was said in.
  '0002_chat_message_room': {
    async up(db) {
      await db.schema.alterTable('chat_messages').addColumn('room', 'integer').execute();
    },
  },
};
