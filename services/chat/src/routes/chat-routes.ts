import { AppError, requireAuthentication } from '@gomeet/platform';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ChatDeps } from '../deps.js';
import { MAX_TEXT_CHARS } from '../messages/limits.js';
import { registerDeleteMessage } from './delete-message-route.js';
import { registerEditMessage } from './edit-message-route.js';
import { registerListMessages } from './list-messages-route.js';
import { registerPostMessage } from './post-message-route.js';

/**
 * The chat-service routes, registered under `/api/chat` with the dependencies as plugin
 * options: `app.register(chatRoutes, { prefix: '/api/chat', ...deps })`. Every route needs a
 * GoMeet access token, and the caller must be a full member of the meeting.
 */
export const chatRoutes: FastifyPluginAsync<ChatDeps> = async (instance, deps) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  requireAuthentication(app, deps.verifier);
  // A body over the limit is a message too large, like a text over the limit; the platform
  // handler (this one's parent) answers the rethrown error.
  app.setErrorHandler((error: FastifyError) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The request is too large; a message may have at most ${MAX_TEXT_CHARS} characters.`,
        { type: 'message-too-large', cause: error },
      );
    }
    throw error;
  });
  registerPostMessage(app, deps);
  registerListMessages(app, deps);
  registerEditMessage(app, deps);
  registerDeleteMessage(app, deps);
  return Promise.resolve();
};
