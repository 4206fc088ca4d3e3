import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type Actor, type TokenVerifier } from './auth-guard.js';

const actors = new WeakMap<FastifyRequest, Actor>();

/**
 * Verifies the bearer token of every request in this plugin before its body is read, so an
 * unauthenticated caller gets 401, never a 400 or 413 about their body.
 */
export function requireAuthentication(app: FastifyInstance, verifier: TokenVerifier): void {
  // A callback hook: an async one costs every request a second promise and its resolution.
  app.addHook('onRequest', (request, _reply, done) => {
    authenticate(request, verifier).then((actor) => {
      actors.set(request, actor);
      done();
    }, done);
  });
}

/** The verified caller of a request that passed `requireAuthentication`. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = actors.get(request);
  if (!actor) throw new Error('actorOf() called on a route without requireAuthentication');
  return actor;
}
