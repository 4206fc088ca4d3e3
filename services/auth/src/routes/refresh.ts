import { refreshBody, session } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { refreshSession } from '../sessions/refresh-session.js';
import { problems, tags, type AuthApp } from './schemas.js';

/** POST /refresh: a refresh token for a new token pair (the old refresh token stops working). */
export function refreshRoute(app: AuthApp, ctx: AuthContext): void {
  app.post(
    '/refresh',
    {
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new token pair',
        body: refreshBody,
        response: { 200: session, ...problems(400, 401) },
      },
    },
    async (request) => refreshSession({ ctx, input: request.body }),
  );
}
