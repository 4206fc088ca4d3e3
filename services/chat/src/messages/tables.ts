import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * One chat message. `seq` orders a meeting's messages and is the message id clients see;
 * a private message has a recipient; a public one belongs to the room it was said in. Deleting keeps the row (so cursors stay valid) but
 * erases the text.
 */
export interface ChatMessageTable {
  seq: Generated<string | number | bigint>;
  meeting_code: string;
  client_id: string;
  sender_identity: string;
  sender_name: string;
  recipient_identity: string | null;
  /** The open breakout room the sender was in (its number), or null: the main room. */
  room: number | null;
  text: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

/** The chat-service's tables, as Kysely sees them. */
export interface ChatDatabase {
  chat_messages: ChatMessageTable;
}

export type ChatMessageRow = Selectable<ChatMessageTable>;
export type NewChatMessage = Insertable<ChatMessageTable>;
