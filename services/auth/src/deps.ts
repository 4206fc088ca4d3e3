import {
  createInProcessBus,
  createSessionRevocations,
  type Metrics,
  type RateLimiter,
  type SessionRevocations,
} from '@gomeet/platform';
import type { TurnSettings as PlatformTurnSettings } from '@gomeet/platform';
import type { FastifyBaseLogger } from 'fastify';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { AuthDb } from './db.js';
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_GUEST_TOKEN_TTL_SECONDS,
  DEFAULT_AUTH_LIMITS,
  DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
  type AuthLimits,
} from './defaults.js';
import { createDatabaseKeyStore } from './keys/database-key-store.js';
import { privateJwkSchema } from './keys/jwk.js';
import { createStaticKeyStore, type KeyStore } from './keys/key-store.js';
import type { Mailer } from './mail/mailer.js';
import type { OidcSettings } from './oidc/settings.js';

/** TURN settings: coturn's static-auth-secret and the URLs handed to browsers. */
export type TurnSettings = PlatformTurnSettings;

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
  /** Rate limits; each one left out takes its default. */
  limits?: Partial<AuthLimits>;
  /** The process's metrics; refusals count in `gomeet_rate_limited_total{scope}`. */
  metrics?: Pick<Metrics, 'rateLimited'>;
  /** The clock; tests inject one to expire tokens and keys. */
  now?: () => Date;
  /**
   * Signed-out sessions, shared with every process over the bus (openSharedState's). Unset: a
   * process-local set, right only when no other process verifies this service's tokens.
   */
  revocations?: SessionRevocations;
  /**
   * Account mail: verification, reset links and notices; links point into the web app at
   * `appUrl`. Unset: no mail and no password reset. Over SMTP, registration no longer tells
   * whether an address has an account (it signs no one in; the link confirms the address).
   */
  mail?: AuthMail;
  /** Single sign-on providers and "SSO only" (README "Single sign-on"). Unset: passwords only. */
  oidc?: OidcSettings;
  /** ADMIN_EMAILS: accounts that are admins once their address is confirmed (lower-cased). */
  adminEmails?: string[];
};

/** The mailer and the public address of the web app its links open. */
export interface AuthMail {
  mailer: Mailer;
  appUrl: string;
}

/** Everything a verb may use, resolved once from AuthDeps. */
export interface AuthContext {
  db: AuthDb;
  now: () => Date;
  keys: KeyStore;
  rateLimiter: RateLimiter;
  limits: AuthLimits;
  /** Counts one refusal by the limit `scope`. */
  countLimited: (scope: string) => void;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  guestTokenTtlSeconds: number;
  turn: TurnSettings;
  revocations: SessionRevocations;
  mail: AuthMail | undefined;
  oidc: OidcSettings | undefined;
  /** ADMIN_EMAILS, lower-cased. */
  adminEmails: ReadonlySet<string>;
  log: FastifyBaseLogger;
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
export function createContext(deps: AuthDeps, log: FastifyBaseLogger): AuthContext {
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
    limits: { ...DEFAULT_AUTH_LIMITS, ...deps.limits },
    countLimited: (scope) => deps.metrics?.rateLimited.inc({ scope }),
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds: deps.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    guestTokenTtlSeconds,
    turn: deps.turn,
    revocations: deps.revocations ?? createSessionRevocations({ bus: createInProcessBus() }),
    mail: deps.mail,
    oidc: deps.oidc,
    adminEmails: new Set((deps.adminEmails ?? []).map((e) => e.trim().toLowerCase())),
    log,
  };
}
