import { randomUUID } from 'node:crypto';
import type { Actor } from '@gomeet/platform';
import type { AdminAuditEntry } from '@gomeet/protocol';
import type { AuthDb } from '../db.js';

/** What an admin did to an account; each one is a row of auth_admin_audit. */
export type UserAdminAction = 'user.disable' | 'user.enable' | 'user.force-password-reset';

/** Writes one audit row, in the caller's transaction when it has one. */
export async function recordAdminAction(
  db: AuthDb,
  input: {
    admin: Actor;
    action: UserAdminAction;
    target: string;
    details: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('auth_admin_audit')
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
export async function listAdminActions(db: AuthDb, limit: number): Promise<AdminAuditEntry[]> {
  const rows = await db
    .selectFrom('auth_admin_audit')
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
