import { guestBody, guestSession } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { issueGuestToken } from '../guests/issue-guest-token.js';
import { problems, tags, type AuthApp } from './schemas.js';

/** POST /guest: an access token for one meeting, without an account. */
export function guestRoute(app: AuthApp, ctx: AuthContext): void {
  app.post(
    '/guest',
    {
      schema: {
        tags,
        summary: 'A guest access token, valid for one meeting',
        body: guestBody,
        response: { 200: guestSession, ...problems(400, 429) },
      },
    },
    async (request) => issueGuestToken({ ctx, input: { ...request.body, ip: request.ip } }),
  );
}
