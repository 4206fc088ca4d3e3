import type { Audience } from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import type { ChatMessageRow } from './tables.js';

/** A stored row as clients see it: the id is the row's sequence number, as a string. */
export function presentMessage(row: ChatMessageRow): ChatMessage {
  return {
    id: String(row.seq),
    clientId: row.client_id,
    meetingCode: row.meeting_code,
    from: { identity: row.sender_identity, name: row.sender_name },
    to: row.recipient_identity,
    text: row.deleted_at ? '' : row.text,
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
    deleted: row.deleted_at !== null,
  };
}

/** Who receives events about a message: everyone, or only its sender and recipient. */
export function audienceOf(row: ChatMessageRow): Audience {
  return row.recipient_identity === null
    ? 'all'
    : { identities: [row.sender_identity, row.recipient_identity] };
}
