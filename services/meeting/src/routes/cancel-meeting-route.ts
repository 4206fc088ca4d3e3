import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { cancelMeeting } from '../meetings/cancel-meeting.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from './shared.js';

/** DELETE /:code — cancel a meeting (host only). */
export function registerCancelMeeting(app: MeetingApp, deps: MeetingDeps): void {
  app.delete(
    '/:code',
    {
      schema: {
        ...routeDocs,
        summary: 'Cancel a meeting (host)',
        params: codeParams,
        response: { 204: z.null().describe('Cancelled') },
      },
    },
    async (request, reply) => {
      await cancelMeeting({ ctx: contextOf(deps, request), input: request.params });
      return reply.status(204).send(null);
    },
  );
}
