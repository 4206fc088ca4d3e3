import { joinBody, joinResult } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { joinMeeting } from '../join/join-meeting.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from './shared.js';

/** POST /:code/join — a LiveKit token for the meeting's room (200), or a place in the lobby (202). */
export function registerJoinMeeting(app: MeetingApp, deps: MeetingDeps): void {
  app.post(
    '/:code/join',
    {
      schema: {
        ...routeDocs,
        summary: 'Join a meeting: a LiveKit token, or "waiting" in the lobby',
        params: codeParams,
        body: joinBody.optional(),
        response: { 200: joinResult, 202: joinResult },
      },
    },
    async (request, reply) => {
      const input = { code: request.params.code, passcode: request.body?.passcode };
      const result = await joinMeeting({ ctx: contextOf(deps, request), input });
      return reply.status(result.status === 'waiting' ? 202 : 200).send(result);
    },
  );
}
