import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuthDatabase, RefreshTokenTable } from '../db.js';

/** A stored refresh token (its hash, never the token). */
export type RefreshTokenRow = Selectable<RefreshTokenTable>;

type Db = Kysely<AuthDatabase>;

/** sha256 of a refresh token: what the database keeps, so a leaked table yields no usable token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Creates a refresh token in `familyId` (a new family when absent) and stores its hash. */
export async function insertRefreshToken(
  db: Db,
  input: { userId: string; familyId?: string; now: Date; ttlSeconds: number },
): Promise<{ token: string; familyId: string }> {
  const token = randomBytes(32).toString('base64url');
  const familyId = input.familyId ?? randomUUID();
  await db
    .insertInto('auth_refresh_tokens')
    .values({
      id: randomUUID(),
      family_id: familyId,
      user_id: input.userId,
      token_hash: hashRefreshToken(token),
      created_at: input.now,
      expires_at: new Date(input.now.getTime() + input.ttlSeconds * 1000),
    })
    .execute();
  return { token, familyId };
}

/** The row of a presented token, locked until the transaction ends so two uses serialise. */
export function findRefreshTokenForUpdate(
  db: Db,
  token: string,
): Promise<RefreshTokenRow | undefined> {
  return db
    .selectFrom('auth_refresh_tokens')
    .selectAll()
    .where('token_hash', '=', hashRefreshToken(token))
    .forUpdate()
    .executeTakeFirst();
}

export function findRefreshToken(db: Db, token: string): Promise<RefreshTokenRow | undefined> {
  return db
    .selectFrom('auth_refresh_tokens')
    .selectAll()
    .where('token_hash', '=', hashRefreshToken(token))
    .executeTakeFirst();
}

export async function markRotated(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('auth_refresh_tokens')
    .set({ rotated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Revokes every token of a family, the newest included. */
export async function revokeFamily(
  db: Db,
  familyId: string,
  userId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('auth_refresh_tokens')
    .set({ revoked_at: at })
    .where('family_id', '=', familyId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Revokes every family of a user except `keepFamilyId` (the caller's own session); returns the
 * families it revoked.
 */
export async function revokeOtherFamilies(
  db: Db,
  userId: string,
  keepFamilyId: string | undefined,
  at: Date,
): Promise<string[]> {
  let query = db
    .updateTable('auth_refresh_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepFamilyId) query = query.where('family_id', '<>', keepFamilyId);
  const rows = await query.returning('family_id').execute();
  return [...new Set(rows.map((r) => r.family_id))];
}
