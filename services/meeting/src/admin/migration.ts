import type { Kysely } from 'kysely';

/** Meeting migration 0008_admin_audit: the audit log of admin actions on meetings. */
export async function createAdminAudit(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_admin_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('admin_id', 'text', (c) => c.notNull())
    .addColumn('admin_email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('meeting_admin_audit_at')
    .on('meeting_admin_audit')
    .column('at')
    .execute();
}
