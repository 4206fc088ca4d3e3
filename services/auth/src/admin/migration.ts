import { sql, type Kysely } from 'kysely';

/**
 * Auth migration 0004_admin: accounts an admin disabled or asked for a new password, the one
 * "first account" of an install (the admin of a fresh install), and the audit log of admin
 * actions on accounts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema
export async function createAdminTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('auth_users')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('password_reset_required_at', 'timestamptz')
    .execute();
  // One row at most (the primary key is always true): two sign-ups racing on a fresh install
  // both try to insert it, and only the first to commit becomes the admin.
  await db.schema
    .createTable('auth_first_admin')
    .addColumn('singleton', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`singleton`),
    )
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('auth_users.id').onDelete('cascade'),
    )
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('auth_admin_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('admin_id', 'text', (c) => c.notNull())
    .addColumn('admin_email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('auth_admin_audit_at').on('auth_admin_audit').column('at').execute();
}
