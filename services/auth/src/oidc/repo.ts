import type { Kysely, Selectable } from 'kysely';
import type { AuthDatabase, OidcLoginTable } from '../db.js';
import { hashRefreshToken as hashToken } from '../sessions/repo.js';

type Db = Kysely<AuthDatabase>;

/** A stored sign-in attempt. */
export type OidcLoginRow = Selectable<OidcLoginTable>;

/** Stores a new attempt; only the state's sha256 is kept (it travels in URLs). */
export async function insertLogin(
  db: Db,
  row: { id: string; provider: string; state: string; nonce: string; codeVerifier: string },
  at: Date,
  ttlSeconds: number,
): Promise<void> {
  await db
    .insertInto('auth_oidc_logins')
    .values({
      id: row.id,
      provider: row.provider,
      state_hash: hashToken(row.state),
      nonce: row.nonce,
      code_verifier: row.codeVerifier,
      created_at: at,
      expires_at: new Date(at.getTime() + ttlSeconds * 1000),
    })
    .execute();
}

/** The attempt with this state, whatever its stage (to tell a replay from a stranger). */
export function findLoginByState(db: Db, state: string): Promise<OidcLoginRow | undefined> {
  return db
    .selectFrom('auth_oidc_logins')
    .selectAll()
    .where('state_hash', '=', hashToken(state))
    .executeTakeFirst();
}

/** Marks the attempt's state used, once: undefined when it was used or expired already. */
export function consumeState(db: Db, state: string, at: Date): Promise<OidcLoginRow | undefined> {
  return db
    .updateTable('auth_oidc_logins')
    .set({ used_at: at })
    .where('state_hash', '=', hashToken(state))
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
}

/** Records who signed in and the hash of the one-time code the web app will trade. */
export async function setHandoff(
  db: Db,
  input: { id: string; userId: string; code: string; expiresAt: Date },
): Promise<void> {
  await db
    .updateTable('auth_oidc_logins')
    .set({
      user_id: input.userId,
      handoff_hash: hashToken(input.code),
      handoff_expires_at: input.expiresAt,
    })
    .where('id', '=', input.id)
    .execute();
}

/** Spends a hand-off code, once and before it expires; returns the account it signs in. */
export async function consumeHandoff(db: Db, code: string, at: Date): Promise<string | undefined> {
  const row = await db
    .updateTable('auth_oidc_logins')
    .set({ handoff_used_at: at })
    .where('handoff_hash', '=', hashToken(code))
    .where('handoff_used_at', 'is', null)
    .where('handoff_expires_at', '>', at)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? undefined;
}

/** Drops attempts that ended over a day ago (they only explain a refusal while recent). */
export async function deleteOldLogins(db: Db, at: Date): Promise<void> {
  await db
    .deleteFrom('auth_oidc_logins')
    .where('expires_at', '<', new Date(at.getTime() - 24 * 3600 * 1000))
    .execute();
}

/** The account a provider's subject is linked to. */
export async function findIdentityUser(
  db: Db,
  provider: string,
  subject: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('auth_oidc_identities')
    .select('user_id')
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row?.user_id;
}

/** Links a provider's subject to an account. */
export async function insertIdentity(
  db: Db,
  row: { provider: string; subject: string; userId: string; email: string; at: Date },
): Promise<void> {
  await db
    .insertInto('auth_oidc_identities')
    .values({
      provider: row.provider,
      subject: row.subject,
      user_id: row.userId,
      email: row.email,
      created_at: row.at,
    })
    .execute();
}
