import { registerBody, session } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { registerUser } from '../users/register-user.js';
import { problems, tags, type AuthApp } from './schemas.js';

/** POST /register: create an account and sign in. */
export function registerRoute(app: AuthApp, ctx: AuthContext): void {
  app.post(
    '/register',
    {
      schema: {
        tags,
        summary: 'Create an account and sign in',
        body: registerBody,
        response: { 201: session, ...problems(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const body = await registerUser({ ctx, input: { ...request.body, ip: request.ip } });
      return reply.status(201).send(body);
    },
  );
}
