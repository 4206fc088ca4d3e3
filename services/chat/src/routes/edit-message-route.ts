import { actorOf } from '@gomeet/platform';
import { chatMessage } from '@gomeet/protocol';
import { createContext, type ChatDeps } from '../deps.js';
import { editMessage } from '../messages/edit-message.js';
import { MAX_BODY_BYTES } from '../messages/limits.js';
import { editMessageBody, messageParams, problems, routeDocs, type ChatApp } from './schemas.js';

/** PATCH /:code/messages/:id — change the text of one's own message. */
export function registerEditMessage(app: ChatApp, deps: ChatDeps): void {
  app.patch(
    '/:code/messages/:id',
    {
      bodyLimit: MAX_BODY_BYTES,
      schema: {
        ...routeDocs,
        summary: 'Edit one of your messages',
        params: messageParams,
        body: editMessageBody,
        response: { 200: chatMessage, ...problems(400, 401, 403, 404, 410, 413, 429, 503) },
      },
    },
    async (request) =>
      editMessage({
        ctx: createContext(deps, actorOf(request), request.log),
        input: { ...request.params, text: request.body.text },
      }),
  );
}
