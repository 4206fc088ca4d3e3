import { registerBody, registrationPending, session } from '@gomeet/protocol';
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
        summary:
          'Create an account and sign in; with mail over SMTP, 202 and a verification mail instead, whether or not the address had an account',
        body: registerBody,
        response: { 201: session, 202: registrationPending, ...problems(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const body = await registerUser({ ctx, input: { ...request.body, ip: request.ip } });
      return reply.status('status' in body ? 202 : 201).send(body);
    },
  );
}
