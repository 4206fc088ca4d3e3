import { connectivityTargets } from '@gomeet/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AccessToken } from 'livekit-server-sdk';
import { randomUUID } from 'node:crypto';
import type { LiveKitDeps, MeetingDeps } from '../deps.js';

/** The LiveKit room every media probe joins; no meeting code looks like it (webhooks skip it). */
export const CONNECTION_CHECK_ROOM = 'gomeet-connection-check';

/** How long a media probe's token lets its holder connect. */
const PROBE_TOKEN_TTL_SECONDS = 60;

/**
 * A token for the media probe: a hidden participant in the check room who may receive nothing
 * (no one publishes there) and publish nothing, not even data — only prove the browser reaches
 * LiveKit's UDP or TCP media port. A fresh identity each time.
 */
async function mediaProbeToken(livekit: LiveKitDeps): Promise<string> {
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: `connection-check-${randomUUID()}`,
    ttl: PROBE_TOKEN_TTL_SECONDS,
  });
  token.addGrant({
    room: CONNECTION_CHECK_ROOM,
    roomJoin: true,
    hidden: true,
    canPublish: false,
    canPublishData: false,
    canSubscribe: true,
    canUpdateOwnMetadata: false,
  });
  return token.toJwt();
}

/**
 * GET /connectivity — the LiveKit URL and TURN URLs the pre-join page checks it can reach, and
 * a token for a one-minute test connection to LiveKit's media ports. Public (a guest has no
 * pass before typing a name), so registered apart from the token-checking routes; it tells
 * nothing a join answer would not, and no TURN credentials.
 */
export const connectivityRoutes: FastifyPluginAsync<MeetingDeps> = async (instance, deps) => {
  instance.withTypeProvider<ZodTypeProvider>().get(
    '/connectivity',
    {
      schema: {
        tags: ['meetings'],
        security: [],
        summary:
          'Where the pre-join connection check probes LiveKit and TURN, and a media probe token (no TURN credentials)',
        response: { 200: connectivityTargets },
      },
    },
    async (request) => ({
      // The same URL the join answer gives this browser (see contextOf).
      livekitUrl: deps.livekit.clientUrlFor?.(request.host) ?? deps.livekit.url,
      // stun: URLs relay nothing, so there is no TURN to check behind them.
      turnUrls: (deps.turn?.urls ?? []).filter((url) => /^turns?:/.test(url)),
      mediaProbeToken: await mediaProbeToken(deps.livekit),
    }),
  );
};
