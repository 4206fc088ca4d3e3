import type { User } from '@gomeet/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { AuthDatabase, UserTable } from '../db.js';

/** A stored account. */
export type UserRow = Selectable<UserTable>;

type Db = Kysely<AuthDatabase>;

/** An account as the API shows it (never the password hash). */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    createdAt: row.created_at.toISOString(),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

/** Inserts an account; returns false when the email is already taken. */
export async function insertUser(db: Db, row: UserRow): Promise<boolean> {
  try {
    await db.insertInto('auth_users').values(row).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('auth_users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('auth_users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates the given columns; returns the row after the update, or undefined if it is gone. */
export function updateUser(
  db: Db,
  id: string,
  changes: Partial<
    Pick<UserRow, 'display_name' | 'password_hash' | 'disabled_at' | 'password_reset_required_at'>
  > & { updated_at: Date },
): Promise<UserRow | undefined> {
  return db
    .updateTable('auth_users')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
