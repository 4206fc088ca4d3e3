import { AppError, requireBearerToken } from '@gomeet/platform';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../deps.js';
import { verifyAccessToken, type VerifiedToken } from '../keys/verify-access-token.js';

/** Verifies the bearer access token of a request: a user or a guest. */
export async function requireActor(
  request: FastifyRequest,
  ctx: AuthContext,
): Promise<VerifiedToken> {
  return verifyAccessToken(ctx, requireBearerToken(request));
}

/** Like requireActor, but guests are refused: the route is about an account. */
export async function requireUser(
  request: FastifyRequest,
  ctx: AuthContext,
): Promise<VerifiedToken> {
  const verified = await requireActor(request, ctx);
  if (verified.actor.kind !== 'user') {
    throw new AppError('FORBIDDEN', 'Guests have no account; sign in to use this route.', {
      type: 'account-required',
    });
  }
  return verified;
}
