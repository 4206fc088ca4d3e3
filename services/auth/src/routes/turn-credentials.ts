import { AppError } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';
import { requireActor } from './authenticate.js';
import { bearer, problems, tags, type AuthApp } from './schemas.js';

/**
 * POST /turn-credentials: retired. It handed any guest 24-hour TURN credentials without joining
 * anything; TURN credentials now come only in the join answer (`iceServers` of
 * POST /api/meetings/{code}/join, or the lobby's admission), after the meeting's checks.
 */
export function turnCredentialsRoute(app: AuthApp, ctx: AuthContext): void {
  app.post(
    '/turn-credentials',
    {
      schema: {
        tags,
        security: bearer,
        deprecated: true,
        summary: 'Retired: TURN credentials come only with the join answer',
        description:
          'Always 403 `turn-credentials-in-join-answer` for a valid token. Take `iceServers` from ' +
          'POST /api/meetings/{code}/join (or the `lobby.admitted` message), which carries ' +
          'short-lived TURN credentials for the admitted participant only.',
        response: problems(401, 403),
      },
    },
    async (request) => {
      await requireActor(request, ctx);
      throw new AppError(
        'FORBIDDEN',
        'TURN credentials come only with the join answer (POST /api/meetings/{code}/join).',
        { type: 'turn-credentials-in-join-answer' },
      );
    },
  );
}
