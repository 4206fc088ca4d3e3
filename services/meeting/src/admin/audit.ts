import { randomUUID } from 'node:crypto';
import type { Actor } from '@gomeet/platform';
import type { AdminAuditEntry } from '@gomeet/protocol';
import type { Db } from '../meetings/repo.js';

/** What an admin did to a meeting; each one is a row of meeting_admin_audit. */
export type MeetingAdminAction = 'meeting.end';

/** Writes one audit row. */
export async function recordAdminAction(
  db: Db,
  input: {
    admin: Actor;
    action: MeetingAdminAction;
    target: string;
    details: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('meeting_admin_audit')
    .values({
      id: randomUUID(),
      at: input.at,
      admin_id: input.admin.id,
      admin_email: input.admin.email ?? '',
      action: input.action,
      target: input.target,
      details: JSON.stringify(input.details),
    })
    .execute();
}

/** The latest audit rows, newest first. */
export async function listAdminActions(db: Db, limit: number): Promise<AdminAuditEntry[]> {
  const rows = await db
    .selectFrom('meeting_admin_audit')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    adminId: r.admin_id,
    adminEmail: r.admin_email,
    action: r.action,
    target: r.target,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
