import { AppError, type Bus } from '@gomeet/platform';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { WebhookReceiver } from 'livekit-server-sdk';
import { recordEvent, toLiveKitEvent } from '../webhooks/record-event.js';

/** What the LiveKit webhook receiver needs. */
export interface WebhookDeps {
  db: Kysely<unknown>;
  bus: Bus;
  livekit: { apiKey: string; apiSecret: string };
}

/**
 * POST /livekit/webhook: LiveKit's signed events. The body's sha256 must match the signed
 * Authorization JWT (WebhookReceiver), so the raw body is kept as a string for verification.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookDeps> = async (app, deps) => {
  const receiver = new WebhookReceiver(deps.livekit.apiKey, deps.livekit.apiSecret);
  for (const type of ['application/webhook+json', 'application/json']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }

  app.post('/livekit/webhook', { schema: { hide: true } }, async (request, reply) => {
    const auth = request.headers.authorization;
    if (!auth) throw new AppError('UNAUTHENTICATED', 'The webhook is not signed.');
    let event;
    try {
      event = await receiver.receive(request.body as string, auth);
    } catch (error) {
      throw new AppError('UNAUTHENTICATED', 'The webhook signature is invalid or stale.', {
        cause: error,
      });
    }
    const stored = await recordEvent(deps, toLiveKitEvent(event));
    request.log.info(
      { event: event.event, room: event.room?.name, duplicate: !stored },
      'livekit webhook',
    );
    return reply.status(200).send({ received: true, duplicate: !stored });
  });
};
