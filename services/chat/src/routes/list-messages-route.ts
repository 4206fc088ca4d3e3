import { actorOf } from '@gomeet/platform';
import { createContext, type ChatDeps } from '../deps.js';
import { listMessages } from '../messages/list-messages.js';
import {
  codeParams,
  historyPage,
  historyQuery,
  problems,
  routeDocs,
  type ChatApp,
} from './schemas.js';

/** GET /:code/messages — one page of history the caller may see, oldest first. */
export function registerListMessages(app: ChatApp, deps: ChatDeps): void {
  app.get(
    '/:code/messages',
    {
      schema: {
        ...routeDocs,
        summary: 'Chat history by cursor: the latest, `before` an id, or `after` an id',
        params: codeParams,
        querystring: historyQuery,
        response: { 200: historyPage, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listMessages({
        ctx: createContext(deps, actorOf(request), request.log),
        input: { code: request.params.code, ...request.query },
      }),
  );
}
