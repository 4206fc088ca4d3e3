import { changePasswordBody, updateMeBody, user } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { changePassword } from '../users/change-password.js';
import { getProfile } from '../users/get-profile.js';
import { updateProfile } from '../users/update-profile.js';
import { requireUser } from './authenticate.js';
import { bearer, noContent, problems, tags, type AuthApp } from './schemas.js';

/** GET /me, PATCH /me and POST /me/password: the signed-in user's own account. */
export function meRoutes(app: AuthApp, ctx: AuthContext): void {
  app.get(
    '/me',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'The signed-in account',
        response: { 200: user, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { actor } = await requireUser(request, ctx);
      return getProfile({ ctx, userId: actor.id });
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Change the display name',
        body: updateMeBody,
        response: { 200: user, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { actor } = await requireUser(request, ctx);
      return updateProfile({ ctx, userId: actor.id, input: request.body });
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Change the password; every other session is signed out',
        body: changePasswordBody,
        response: { 204: noContent, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { actor, sessionId } = await requireUser(request, ctx);
      await changePassword({ ctx, userId: actor.id, sessionId, input: request.body });
      return reply.status(204).send(null);
    },
  );
}
