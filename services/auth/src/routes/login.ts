import { loginBody, session } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { logIn } from '../users/log-in.js';
import { problems, tags, type AuthApp } from './schemas.js';

/** POST /login: email and password for a session. */
export function loginRoute(app: AuthApp, ctx: AuthContext): void {
  app.post(
    '/login',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: loginBody,
        response: { 200: session, ...problems(400, 401, 429) },
      },
    },
    async (request) => logIn({ ctx, input: { ...request.body, ip: request.ip } }),
  );
}
