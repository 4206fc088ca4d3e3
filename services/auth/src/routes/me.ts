import { accountSessions, changePasswordBody, updateMeBody, user } from '@gomeet/protocol';
import { z } from 'zod';
import type { AuthContext } from '../deps.js';
import { listSessions } from '../sessions/list-sessions.js';
import { signOutEverywhere, signOutSession } from '../sessions/sign-out-everywhere.js';
import { changePassword } from '../users/change-password.js';
import { getProfile } from '../users/get-profile.js';
import { updateProfile } from '../users/update-profile.js';
import { requireUser } from './authenticate.js';
import { bearer, noContent, problems, tags, type AuthApp } from './schemas.js';

/** GET /me, PATCH /me, POST /me/password and the sessions: the signed-in user's own account. */
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

  app.get(
    '/me/sessions',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'The signed-in sessions of the account',
        response: { 200: accountSessions, ...problems(401, 403) },
      },
    },
    async (request) => {
      const { actor, sessionId } = await requireUser(request, ctx);
      return {
        sessions: await listSessions({ ctx, userId: actor.id, currentSessionId: sessionId }),
      };
    },
  );

  app.post(
    '/me/sign-out-everywhere',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Sign out every session of the account, this one included',
        response: { 204: noContent, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const { actor } = await requireUser(request, ctx);
      await signOutEverywhere({ ctx, userId: actor.id });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Sign out one session of the account (another browser)',
        params: z.object({ id: z.uuid('expected a session id') }),
        response: { 204: noContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { actor } = await requireUser(request, ctx);
      await signOutSession({ ctx, userId: actor.id, sessionId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
