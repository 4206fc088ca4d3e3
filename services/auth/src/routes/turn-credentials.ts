import { issueTurnCredentials } from '@gomeet/platform';
import { turnCredentials } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { requireActor } from './authenticate.js';
import { bearer, problems, tags, type AuthApp } from './schemas.js';

/** POST /turn-credentials: short-lived coturn credentials for a user or a guest. */
export function turnCredentialsRoute(app: AuthApp, ctx: AuthContext): void {
  app.post(
    '/turn-credentials',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'TURN credentials (coturn REST-API scheme)',
        response: { 200: turnCredentials, ...problems(401) },
      },
    },
    async (request) => {
      const { actor } = await requireActor(request, ctx);
      const { secret, urls, ttlSeconds } = ctx.turn;
      return issueTurnCredentials(secret, actor.id, urls, ttlSeconds, ctx.now());
    },
  );
}
