import { sql, type Kysely, type Migration } from 'kysely';
import { createAdminTables } from './admin/migration.js';

/** Forward-only migrations of the auth-service; run with `migrate(db, 'auth', authMigrations)`. */
export const authMigrations: Record<string, Migration> = {
  '0001_users_tokens_keys': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('auth_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('auth_refresh_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) =>
          c.notNull().references('auth_users.id').onDelete('cascade'),
        )
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('rotated_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('auth_refresh_tokens_family')
        .on('auth_refresh_tokens')
        .column('family_id')
        .execute();
      await db.schema
        .createIndex('auth_refresh_tokens_user')
        .on('auth_refresh_tokens')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('auth_signing_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('alg', 'text', (c) => c.notNull())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('retired_at', 'timestamptz')
        .execute();
    },
  },
  '0002_email_tokens': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('auth_users')
        .addColumn('email_verified_at', 'timestamptz')
        .execute();
      // Accounts from before verification existed have been signing in all along; asking them
      // to confirm now would lock them out the day an operator sets SMTP_URL.
      await db
        .updateTable('auth_users')
        .set({ email_verified_at: sql`created_at` })
        .execute();
      await db.schema
        .createTable('auth_email_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) =>
          c.notNull().references('auth_users.id').onDelete('cascade'),
        )
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('auth_email_tokens_user')
        .on('auth_email_tokens')
        .column('user_id')
        .execute();
    },
  },
  '0003_oidc_identities': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema
    async up(db: Kysely<any>) {
      // Who a provider says someone is (its issuer's `sub`), linked to one account.
      await db.schema
        .createTable('auth_oidc_identities')
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) =>
          c.notNull().references('auth_users.id').onDelete('cascade'),
        )
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('auth_oidc_identities_pk', ['provider', 'subject'])
        .execute();
      await db.schema
        .createIndex('auth_oidc_identities_user')
        .on('auth_oidc_identities')
        .column('user_id')
        .execute();
      // One row per sign-in attempt: state, nonce and PKCE verifier stay here, each used once;
      // after the callback, a one-time hand-off code gives the web app its session.
      await db.schema
        .createTable('auth_oidc_logins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('state_hash', 'text', (c) => c.notNull().unique())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .addColumn('user_id', 'text', (c) => c.references('auth_users.id').onDelete('cascade'))
        .addColumn('handoff_hash', 'text', (c) => c.unique())
        .addColumn('handoff_expires_at', 'timestamptz')
        .addColumn('handoff_used_at', 'timestamptz')
        .execute();
    },
  },
  '0004_admin': { up: createAdminTables },
};
