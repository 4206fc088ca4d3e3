import type { FastifyRequest } from 'fastify';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError } from './errors.js';
import type { SessionRevocations } from './session-revocation.js';

/** Issuer and audience of every GoMeet access token. */
export const TOKEN_ISSUER = 'gomeet';
export const TOKEN_AUDIENCE = 'gomeet';

/** Who is calling, as proven by a verified GoMeet access token. */
export interface Actor {
  /** User id, or "guest:<uuid>" for a guest. */
  id: string;
  kind: 'user' | 'guest';
  name: string;
  email?: string;
  /** For a guest: the one meeting code the token is valid for. */
  meeting?: string;
  /** For a user: the session (`sid` claim, the refresh family) the token belongs to. */
  sessionId?: string;
  /** An installation admin (`adm` claim): may use the admin routes of every service. */
  admin?: boolean;
}

/** The claims GoMeet puts in an access token, beyond the registered ones. */
export interface AccessTokenClaims {
  kind: 'user' | 'guest';
  name: string;
  email?: string;
  mtg?: string;
  /** The session a user token belongs to; logout revokes it (SessionRevocations). */
  sid?: string;
  /** Set (true) on an admin's user token; services check it without calling auth. */
  adm?: boolean;
}

/** Verifies access tokens and turns them into an Actor. */
export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
  /**
   * The actor of a token this verifier already checked and that has not expired, at once (no
   * promise); undefined when `verify` must check it. Throws, as `verify` does, for a
   * signed-out session.
   */
  known?(token: string): Actor | undefined;
}

/**
 * A key source that fetches the auth-service JWKS over HTTP, caches it, and refetches when a
 * token names a `kid` it has not seen (key rotation), at most once a second.
 */
export function remoteJwks(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    cooldownDuration: 1_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 5_000,
  });
}

/** How many verified tokens a verifier remembers. */
const VERIFIED_CACHE_SIZE = 10_000;

/** What a verifier checks besides the signature and the claims. */
export interface TokenVerifierOptions {
  /** Signed-out sessions: a token whose `sid` is revoked is refused (401 `session-revoked`). */
  revocations?: Pick<SessionRevocations, 'isRevoked'>;
}

/** Throws 401 `session-revoked` when the actor's session was signed out. */
export function refuseRevoked(
  actor: Actor,
  revocations: Pick<SessionRevocations, 'isRevoked'> | undefined,
): void {
  if (actor.sessionId && revocations?.isRevoked(actor.sessionId)) {
    throw new AppError('UNAUTHENTICATED', 'This session has signed out; sign in again.', {
      type: 'session-revoked',
    });
  }
}

/**
 * Creates a verifier over a key source (remote JWKS, or the auth-service's own keys).
 * A token's signature is checked once; the verified actor is then remembered until the token
 * expires, since a signed JWT cannot change. This takes the EdDSA verification off the hot
 * path of every request a client makes with the same token. Revocation is checked on every
 * call, cached or not: a logout takes effect at once.
 */
export function createTokenVerifier(
  keys: JWTVerifyGetKey,
  options: TokenVerifierOptions = {},
): TokenVerifier {
  const verified = new Map<string, { actor: Actor; expiresAt: number }>();
  const known = (token: string): Actor | undefined => {
    const hit = verified.get(token);
    if (!hit) return undefined;
    if (hit.expiresAt <= Date.now()) {
      verified.delete(token);
      return undefined;
    }
    refuseRevoked(hit.actor, options.revocations);
    return hit.actor;
  };
  return {
    known,
    async verify(token) {
      const hit = known(token);
      if (hit) return hit;
      const { actor, expiresAt } = await verifyOnce(token, keys);
      refuseRevoked(actor, options.revocations);
      if (verified.size >= VERIFIED_CACHE_SIZE) {
        // Maps iterate in insertion order: drop the oldest entry.
        verified.delete(verified.keys().next().value!);
      }
      verified.set(token, { actor, expiresAt });
      return actor;
    },
  };
}

async function verifyOnce(
  token: string,
  keys: JWTVerifyGetKey,
): Promise<{ actor: Actor; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify<AccessTokenClaims>(token, keys, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: ['EdDSA', 'ES256'],
    });
    if (!payload.sub || !payload.exp || (payload.kind !== 'user' && payload.kind !== 'guest')) {
      throw new AppError('UNAUTHENTICATED', 'The access token is malformed.');
    }
    const actor: Actor = { id: payload.sub, kind: payload.kind, name: payload.name ?? '' };
    if (payload.email) actor.email = payload.email;
    if (payload.mtg) actor.meeting = payload.mtg;
    if (payload.sid) actor.sessionId = payload.sid;
    if (payload.adm === true && payload.kind === 'user') actor.admin = true;
    return { actor, expiresAt: payload.exp * 1000 };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JWTExpired) {
      throw new AppError('UNAUTHENTICATED', 'The access token has expired.', {
        type: 'token-expired',
      });
    }
    if (
      error instanceof joseErrors.JWKSTimeout ||
      (error as { code?: string }).code === 'ERR_JOSE_GENERIC'
    ) {
      throw new AppError('UNAVAILABLE', 'The token keys could not be fetched.', { cause: error });
    }
    throw new AppError('UNAUTHENTICATED', 'The access token is invalid.', { cause: error });
  }
}

/** The bearer token of a request, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** The request's bearer token; throws 401 when it has none. */
export function requireBearerToken(request: FastifyRequest): string {
  const token = bearerToken(request);
  if (!token)
    throw new AppError('UNAUTHENTICATED', 'Sign in first: this route needs a bearer access token.');
  return token;
}
