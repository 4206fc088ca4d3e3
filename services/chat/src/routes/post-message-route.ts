import { actorOf } from '@gomeet/platform';
import { chatMessage } from '@gomeet/protocol';
import { createContext, type ChatDeps } from '../deps.js';
import { MAX_BODY_BYTES } from '../messages/limits.js';
import { postMessage } from '../messages/post-message.js';
import { codeParams, postMessageBody, problems, routeDocs, type ChatApp } from './schemas.js';

/** POST /:code/messages — store a message, then publish it (201; 200 for a retry). */
export function registerPostMessage(app: ChatApp, deps: ChatDeps): void {
  app.post(
    '/:code/messages',
    {
      bodyLimit: MAX_BODY_BYTES,
      schema: {
        ...routeDocs,
        summary: 'Post a chat message (public, or private with `to`)',
        params: codeParams,
        body: postMessageBody,
        response: {
          200: chatMessage.describe('A retry: the message stored by the first attempt'),
          201: chatMessage,
          ...problems(400, 401, 403, 404, 413, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const ctx = createContext(deps, actorOf(request), request.log);
      const { message, created } = await postMessage({
        ctx,
        input: { code: request.params.code, ...request.body },
      });
      return reply.status(created ? 201 : 200).send(message);
    },
  );
}
