import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from '../routes/shared.js';
import { meetingInvite } from './meeting-invite.js';

/** GET /:code/invite.ics — the meeting as a calendar invitation (host and co-hosts). */
export function registerInvitationRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/:code/invite.ics',
    {
      schema: {
        ...routeDocs,
        summary: 'A meeting as an iCalendar (.ics) invitation (host or co-host)',
        params: codeParams,
        produces: ['text/calendar'],
        response: { 200: z.string().describe('iCalendar: one event with the join link') },
      },
    },
    async (request, reply) => {
      const { filename, ics } = await meetingInvite({
        ctx: contextOf(deps, request),
        input: request.params,
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(ics);
    },
  );
}
