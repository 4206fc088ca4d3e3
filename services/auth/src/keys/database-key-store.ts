import type { CryptoKey } from 'jose';
import type { AuthDb } from '../db.js';
import { importKey, privateJwkSchema, toPublicJwk, type PrivateJwk } from './jwk.js';
import type { KeyStore } from './key-store.js';
import { ensureSigningKey } from './rotate-signing-key.js';

/** What the database key store reads and when. */
export interface DatabaseKeyStoreOptions {
  db: AuthDb;
  now: () => Date;
  /** How long a retired key stays published and accepted. */
  retainSeconds: number;
}

/**
 * Keys generated and kept in auth_signing_keys, so restarts and every pod share them. The table
 * is read on each use (it holds a handful of rows), so a rotation by any pod takes effect at
 * once everywhere; only the imported CryptoKeys are cached, by kid.
 */
export function createDatabaseKeyStore({
  db,
  now,
  retainSeconds,
}: DatabaseKeyStoreOptions): KeyStore {
  const imported = new Map<string, Promise<CryptoKey>>();
  const cachedImport = (cacheKey: string, jwk: Parameters<typeof importKey>[0], alg: string) => {
    let key = imported.get(cacheKey);
    if (!key) {
      key = importKey(jwk, alg);
      imported.set(cacheKey, key);
    }
    return key;
  };

  async function liveKeys(): Promise<{ jwk: PrivateJwk; retired: boolean }[]> {
    const rows = await db
      .selectFrom('auth_signing_keys')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('kid', 'desc')
      .execute();
    const t = now().getTime();
    return rows
      .filter((r) => !r.retired_at || r.retired_at.getTime() + retainSeconds * 1000 > t)
      .map((r) => ({
        jwk: privateJwkSchema.parse(JSON.parse(r.private_jwk)),
        retired: r.retired_at !== null,
      }));
  }

  return {
    async init() {
      await ensureSigningKey(db, now);
    },
    async signer() {
      const active = (await liveKeys()).find((k) => !k.retired)?.jwk;
      const jwk =
        active ?? privateJwkSchema.parse(JSON.parse((await ensureSigningKey(db, now)).private_jwk));
      return {
        kid: jwk.kid,
        alg: jwk.alg,
        key: await cachedImport(`private:${jwk.kid}`, jwk, jwk.alg),
      };
    },
    async publicJwks() {
      return (await liveKeys()).map((k) => toPublicJwk(k.jwk));
    },
    async verificationKey(kid) {
      const found = (await liveKeys()).find((k) => k.jwk.kid === kid);
      if (!found) return undefined;
      return cachedImport(`public:${kid}`, toPublicJwk(found.jwk), found.jwk.alg);
    },
  };
}
