import { AppError } from '@gomeet/platform';
import { logoutBody } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { endSession } from '../sessions/end-session.js';
import { requireUser } from './authenticate.js';
import { bearer, noContent, problems, tags, type AuthApp } from './schemas.js';

/** POST /logout: revoke this session's refresh tokens. */
export function logoutRoute(app: AuthApp, ctx: AuthContext): void {
  app.post(
    '/logout',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Sign out: revoke the session of the given refresh token, else of the access token',
        body: logoutBody.nullish(),
        response: { 204: noContent, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      // A retried logout finds its session already revoked: it is signed out, which is the goal.
      const verified = await requireUser(request, ctx).catch((error: unknown) => {
        if (error instanceof AppError && error.type === 'session-revoked') return undefined;
        throw error;
      });
      if (!verified) return reply.status(204).send(null);
      const { actor, sessionId } = verified;
      await endSession({
        ctx,
        input: { userId: actor.id, sessionId, refreshToken: request.body?.refreshToken },
      });
      return reply.status(204).send(null);
    },
  );
}
