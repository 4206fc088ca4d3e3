import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type Actor, type TokenVerifier } from './auth-guard.js';

const actors = new WeakMap<FastifyRequest, Actor>();

/**
 * Verifies the bearer token of every request in this plugin before its body is read, so an
 * unauthenticated caller gets 401, never a 400 or 413 about their body.
 */
export function requireAuthentication(app: FastifyInstance, verifier: TokenVerifier): void {
  app.addHook('onRequest', async (request) => {
    actors.set(request, await authenticate(request, verifier));
  });
}

/** The verified caller of a request that passed `requireAuthentication`. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = actors.get(request);
  if (!actor) throw new Error('actorOf() called on a route without requireAuthentication');
  return actor;
}
