import { changeRoleBody, identityList, lockBody, muteBody, roleChange } from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { allowMyMicrophone } from '../host/allow-microphone.js';
import { askToUnmute } from '../host/ask-to-unmute.js';
import { changeRole } from '../host/change-role.js';
import { setMeetingLock } from '../host/lock-meeting.js';
import { muteAll, muteParticipant } from '../host/mute-participants.js';
import { removeParticipant } from '../host/remove-participant.js';
import { codeParams, contextOf, personParams, routeDocs, type MeetingApp } from './shared.js';
import { registerStageRoutes } from './stage-routes.js';

const done = { 204: z.null().describe('Done') };

/** Host controls, enforced here (host and co-hosts; roles: host only), and the shared stage. */
export function registerHostControlRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.post(
    '/:code/participants/:identity/mute',
    {
      schema: {
        ...routeDocs,
        summary: 'Mute someone’s microphone or camera (host or co-host)',
        params: personParams,
        body: muteBody,
        response: { 200: identityList },
      },
    },
    async (request) =>
      muteParticipant({
        ctx: contextOf(deps, request),
        input: { ...request.params, source: request.body.source },
      }),
  );
  app.post(
    '/:code/mute-all',
    {
      schema: {
        ...routeDocs,
        summary: 'Mute every microphone but the hosts’ (host or co-host)',
        params: codeParams,
        response: { 200: identityList },
      },
    },
    async (request) => muteAll({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.post(
    '/:code/microphone',
    {
      schema: {
        ...routeDocs,
        summary: 'Let me publish my microphone (unmuting after “mute on entry”; any member)',
        params: codeParams,
        response: done,
      },
    },
    async (request, reply) => {
      await allowMyMicrophone({ ctx: contextOf(deps, request), input: request.params });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/:code/participants/:identity/ask-unmute',
    {
      schema: {
        ...routeDocs,
        summary: 'Ask someone to unmute (host or co-host)',
        params: personParams,
        response: done,
      },
    },
    async (request, reply) => {
      await askToUnmute({ ctx: contextOf(deps, request), input: request.params });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/:code/participants/:identity/remove',
    {
      schema: {
        ...routeDocs,
        summary: 'Remove someone for good (host or co-host)',
        params: personParams,
        response: done,
      },
    },
    async (request, reply) => {
      await removeParticipant({ ctx: contextOf(deps, request), input: request.params });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/:code/lock',
    {
      schema: {
        ...routeDocs,
        summary: 'Lock or unlock the meeting (host or co-host)',
        params: codeParams,
        body: lockBody,
        response: { 200: lockBody },
      },
    },
    async (request) =>
      setMeetingLock({
        ctx: contextOf(deps, request),
        input: { code: request.params.code, locked: request.body.locked },
      }),
  );
  app.post(
    '/:code/participants/:identity/role',
    {
      schema: {
        ...routeDocs,
        summary: 'Make someone a co-host or a participant (host)',
        params: personParams,
        body: changeRoleBody,
        response: { 200: roleChange },
      },
    },
    async (request) =>
      changeRole({
        ctx: contextOf(deps, request),
        input: { ...request.params, role: request.body.role },
      }),
  );
  registerStageRoutes(app, deps);
}
