import { connectivityTargets } from '@gomeet/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { MeetingDeps } from '../deps.js';

/**
 * GET /connectivity — the LiveKit URL and TURN URLs the pre-join page checks it can reach.
 * Public (a guest has no pass before typing a name), so registered apart from the
 * token-checking routes; it tells nothing a join answer would not, and no TURN credentials.
 */
export const connectivityRoutes: FastifyPluginAsync<MeetingDeps> = async (instance, deps) => {
  instance.withTypeProvider<ZodTypeProvider>().get(
    '/connectivity',
    {
      schema: {
        tags: ['meetings'],
        security: [],
        summary: 'Where the pre-join connection check probes LiveKit and TURN (no credentials)',
        response: { 200: connectivityTargets },
      },
    },
    async (request) => ({
      // The same URL the join answer gives this browser (see contextOf).
      livekitUrl: deps.livekit.clientUrlFor?.(request.host) ?? deps.livekit.url,
      // stun: URLs relay nothing, so there is no TURN to check behind them.
      turnUrls: (deps.turn?.urls ?? []).filter((url) => /^turns?:/.test(url)),
    }),
  );
};
