import {
  AppError,
  refuseRevoked,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type Actor,
} from '@gomeet/platform';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { AuthContext } from '../deps.js';
import { signingAlgorithms } from './jwk.js';
import type { SignedClaims } from './sign-access-token.js';

/** A verified access token: who it names and, for a user, its session. */
export interface VerifiedToken {
  actor: Actor;
  sessionId: string | undefined;
}

/**
 * Verifies an access token against this service's own keys and clock, with the same rules and
 * problem types as the platform verifier other services use.
 */
export async function verifyAccessToken(
  ctx: Pick<AuthContext, 'keys' | 'now'> & Partial<Pick<AuthContext, 'revocations'>>,
  token: string,
): Promise<VerifiedToken> {
  let payload: SignedClaims & { sub?: string };
  try {
    ({ payload } = await jwtVerify<SignedClaims>(
      token,
      async (header) => {
        const key = header.kid ? await ctx.keys.verificationKey(header.kid) : undefined;
        if (!key) throw new joseErrors.JWKSNoMatchingKey();
        return key;
      },
      {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: [...signingAlgorithms],
        currentDate: ctx.now(),
      },
    ));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw new AppError('UNAUTHENTICATED', 'The access token has expired.', {
        type: 'token-expired',
      });
    }
    throw new AppError('UNAUTHENTICATED', 'The access token is invalid.', { cause: error });
  }
  if (!payload.sub || (payload.kind !== 'user' && payload.kind !== 'guest')) {
    throw new AppError('UNAUTHENTICATED', 'The access token is malformed.');
  }
  const actor: Actor = { id: payload.sub, kind: payload.kind, name: payload.name ?? '' };
  if (payload.email) actor.email = payload.email;
  if (payload.mtg) actor.meeting = payload.mtg;
  if (payload.sid) actor.sessionId = payload.sid;
  if (payload.adm === true && payload.kind === 'user') actor.admin = true;
  refuseRevoked(actor, ctx.revocations);
  return { actor, sessionId: payload.sid };
}
