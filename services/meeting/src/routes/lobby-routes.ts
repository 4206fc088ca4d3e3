import { identityList, lobbyList } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { admitAllFromLobby, admitFromLobby } from '../lobby/admit-from-lobby.js';
import { denyAllFromLobby, denyFromLobby } from '../lobby/deny-from-lobby.js';
import { listLobby } from '../lobby/list-lobby.js';
import { codeParams, contextOf, personParams, routeDocs, type MeetingApp } from './shared.js';

/** The lobby routes (host and co-hosts): read the queue, admit or deny one or everyone. */
export function registerLobbyRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/:code/lobby',
    {
      schema: {
        ...routeDocs,
        summary: 'Who waits in the lobby (host or co-host)',
        params: codeParams,
        response: { 200: lobbyList },
      },
    },
    async (request) => listLobby({ ctx: contextOf(deps, request), input: request.params }),
  );
  const decided = { 200: identityList };
  app.post(
    '/:code/lobby/admit-all',
    {
      schema: {
        ...routeDocs,
        summary: 'Admit everyone waiting, while seats last (host or co-host)',
        params: codeParams,
        response: decided,
      },
    },
    async (request) => admitAllFromLobby({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    '/:code/lobby/deny-all',
    {
      schema: {
        ...routeDocs,
        summary: 'Turn away everyone waiting (host or co-host)',
        params: codeParams,
        response: decided,
      },
    },
    async (request) => denyAllFromLobby({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    '/:code/lobby/:identity/admit',
    {
      schema: {
        ...routeDocs,
        summary: 'Admit one person from the lobby (host or co-host)',
        params: personParams,
        response: decided,
      },
    },
    async (request) => admitFromLobby({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    '/:code/lobby/:identity/deny',
    {
      schema: {
        ...routeDocs,
        summary: 'Turn one person away at the lobby (host or co-host)',
        params: personParams,
        response: decided,
      },
    },
    async (request) => denyFromLobby({ ctx: contextOf(deps, request), input: request.params }),
  );
}
