import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AuthDatabase, AuthDb, SigningKeyTable } from '../db.js';
import { DEFAULT_KEY_RETENTION_SECONDS } from '../defaults.js';
import { generateSigningKey } from './jwk.js';

type SigningKeyRow = Selectable<SigningKeyTable>;

// Serialises key writers across pods: two pods starting at once must not both add a signer.
async function lockKeys(trx: Transaction<AuthDatabase>): Promise<void> {
  await sql`lock table auth_signing_keys in exclusive mode`.execute(trx);
}

async function activeKey(trx: Kysely<AuthDatabase>): Promise<SigningKeyRow | undefined> {
  return trx
    .selectFrom('auth_signing_keys')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .executeTakeFirst();
}

async function insertKey(trx: Kysely<AuthDatabase>, at: Date): Promise<SigningKeyRow> {
  const jwk = await generateSigningKey();
  const row = {
    kid: jwk.kid,
    alg: jwk.alg,
    private_jwk: JSON.stringify(jwk),
    created_at: at,
    retired_at: null,
  };
  await trx.insertInto('auth_signing_keys').values(row).execute();
  return row;
}

/** Returns the current database signing key, generating the first one when there is none. */
export async function ensureSigningKey(db: AuthDb, now: () => Date): Promise<SigningKeyRow> {
  const existing = await activeKey(db);
  if (existing) return existing;
  return db.transaction().execute(async (trx) => {
    await lockKeys(trx);
    return (await activeKey(trx)) ?? insertKey(trx, now());
  });
}

/** What rotateSigningKey needs; `db` is the auth-service's database. */
export interface RotateSigningKeyOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers hold a Kysely of their own schema
  db: Kysely<any>;
  now?: () => Date;
  /** How long a retired key stays published: the longest token lifetime. */
  retainSeconds?: number;
}

/**
 * Makes a freshly generated key the signer. The previous key is retired, not deleted: it stays
 * in the JWKS until every token it signed has expired. Keys retired longer ago are deleted.
 * Only for database keys; with JWT_SIGNING_KEYS, rotate by changing the Secret.
 */
export async function rotateSigningKey(options: RotateSigningKeyOptions): Promise<{ kid: string }> {
  const db = options.db as AuthDb;
  const at = (options.now ?? (() => new Date()))();
  const retainMs = (options.retainSeconds ?? DEFAULT_KEY_RETENTION_SECONDS) * 1000;
  return db.transaction().execute(async (trx) => {
    await lockKeys(trx);
    await trx
      .updateTable('auth_signing_keys')
      .set({ retired_at: at })
      .where('retired_at', 'is', null)
      .execute();
    await trx
      .deleteFrom('auth_signing_keys')
      .where('retired_at', '<', new Date(at.getTime() - retainMs))
      .execute();
    const row = await insertKey(trx, at);
    return { kid: row.kid };
  });
}
