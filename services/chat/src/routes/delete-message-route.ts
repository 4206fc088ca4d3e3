import { actorOf } from '@gomeet/platform';
import { createContext, type ChatDeps } from '../deps.js';
import { deleteMessage } from '../messages/delete-message.js';
import { messageParams, noContent, problems, routeDocs, type ChatApp } from './schemas.js';

/** DELETE /:code/messages/:id — delete one's own message, or any as host or co-host. */
export function registerDeleteMessage(app: ChatApp, deps: ChatDeps): void {
  app.delete(
    '/:code/messages/:id',
    {
      schema: {
        ...routeDocs,
        summary: 'Delete a message (your own; any as host or co-host)',
        params: messageParams,
        response: { 204: noContent, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      await deleteMessage({
        ctx: createContext(deps, actorOf(request), request.log),
        input: request.params,
      });
      return reply.status(204).send(null);
    },
  );
}
