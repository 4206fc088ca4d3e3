import type { RateLimiter } from '@gomeet/platform';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { AuthDb } from './db.js';
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_GUEST_TOKEN_TTL_SECONDS,
  DEFAULT_LOGIN_LIMITS,
  DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
  type LoginLimits,
} from './defaults.js';
import { createDatabaseKeyStore } from './keys/database-key-store.js';
import { privateJwkSchema } from './keys/jwk.js';
import { createStaticKeyStore, type KeyStore } from './keys/key-store.js';

/** TURN settings: coturn's static-auth-secret and the URLs handed to browsers. */
export interface TurnSettings {
  secret: string;
  urls: string[];
  ttlSeconds: number;
}

/** What the auth routes need from their host (the standalone server or the all-in-one). */
export type AuthDeps = {
  /** The shared database; the caller has run `migrate(db, 'auth', authMigrations)`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the host's Kysely is typed by its own schema
  db: Kysely<any>;
  rateLimiter: RateLimiter;
  turn: TurnSettings;
  /** Private JWKs from JWT_SIGNING_KEYS: the first signs, all verify. Unset: database keys. */
  signingKeys?: JWK[];
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  guestTokenTtlSeconds?: number;
  loginLimits?: Partial<LoginLimits>;
  /** The clock; tests inject one to expire tokens and keys. */
  now?: () => Date;
};

/** Everything a verb may use, resolved once from AuthDeps. */
export interface AuthContext {
  db: AuthDb;
  now: () => Date;
  keys: KeyStore;
  rateLimiter: RateLimiter;
  loginLimits: LoginLimits;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  guestTokenTtlSeconds: number;
  turn: TurnSettings;
}

function staticKeys(jwks: JWK[]): KeyStore {
  const parsed = jwks.map((jwk, i) => {
    const result = privateJwkSchema.safeParse(jwk);
    if (!result.success) {
      const why = result.error.issues
        .map((issue) => `${issue.path.join('.') || 'key'}: ${issue.message}`)
        .join('; ');
      throw new Error(`JWT_SIGNING_KEYS[${i}] is not a usable signing key: ${why}`);
    }
    return result.data;
  });
  return createStaticKeyStore(parsed);
}

/** Fills in defaults and picks the key store. */
export function createContext(deps: AuthDeps): AuthContext {
  const now = deps.now ?? (() => new Date());
  const db = deps.db as AuthDb;
  const accessTokenTtlSeconds = deps.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const guestTokenTtlSeconds = deps.guestTokenTtlSeconds ?? DEFAULT_GUEST_TOKEN_TTL_SECONDS;
  const keys = deps.signingKeys?.length
    ? staticKeys(deps.signingKeys)
    : createDatabaseKeyStore({
        db,
        now,
        retainSeconds: Math.max(accessTokenTtlSeconds, guestTokenTtlSeconds),
      });
  return {
    db,
    now,
    keys,
    rateLimiter: deps.rateLimiter,
    loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...deps.loginLimits },
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds: deps.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    guestTokenTtlSeconds,
    turn: deps.turn,
  };
}
