import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '@gomeet/platform';
import type { AuthDb, EmailTokenPurpose } from '../db.js';
import { hashRefreshToken as hashToken } from '../sessions/repo.js';

/**
 * Stores a new single-use token for an emailed link and returns it; only its sha256 is kept,
 * so a leaked table opens no link.
 */
export async function createEmailToken(
  db: AuthDb,
  input: { userId: string; purpose: EmailTokenPurpose; now: Date; ttlSeconds: number },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('auth_email_tokens')
    .values({
      id: randomUUID(),
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hashToken(token),
      created_at: input.now,
      expires_at: new Date(input.now.getTime() + input.ttlSeconds * 1000),
    })
    .execute();
  return token;
}

/**
 * Uses up a token inside the caller's transaction (its row locked, so two clicks serialise) and
 * returns its user. Refuses, each with its own plain message, a token that is unknown or for
 * another purpose (400), already used (410) or expired (410).
 */
export async function useEmailToken(
  trx: AuthDb,
  input: { token: string; purpose: EmailTokenPurpose; now: Date },
): Promise<{ userId: string }> {
  const row = await trx
    .selectFrom('auth_email_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(input.token))
    .forUpdate()
    .executeTakeFirst();
  if (row?.purpose !== input.purpose) {
    throw new AppError('VALIDATION', 'This link is not valid. Check that it was copied whole.', {
      type: 'invalid-link',
    });
  }
  if (row.used_at) {
    throw new AppError('GONE', 'This link was already used. Ask for a new one if you need it.', {
      type: 'link-used',
    });
  }
  if (row.expires_at.getTime() <= input.now.getTime()) {
    throw new AppError('GONE', 'This link has expired. Ask for a new one.', {
      type: 'link-expired',
    });
  }
  await trx
    .updateTable('auth_email_tokens')
    .set({ used_at: input.now })
    .where('id', '=', row.id)
    .execute();
  return { userId: row.user_id };
}

/** Marks an account's address as confirmed (opening any emailed link proves it). */
export async function markEmailVerified(trx: AuthDb, userId: string, at: Date): Promise<void> {
  await trx
    .updateTable('auth_users')
    .set({ email_verified_at: at })
    .where('id', '=', userId)
    .where('email_verified_at', 'is', null)
    .execute();
}
