import { createMemoryRateLimiter } from '@gomeet/platform';
import { emailInvitationBody, emailInvitationResult } from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from '../routes/shared.js';
import { meetingInvite } from './meeting-invite.js';
import { sendInvitations } from './send-invitations.js';

/**
 * GET /:code/invite.ics — the meeting as a calendar invitation; POST /:code/invitations — the
 * invitation emailed to a list of addresses (both host and co-hosts).
 */
export function registerInvitationRoutes(app: MeetingApp, deps: MeetingDeps): void {
  const rateLimiter = deps.rateLimiter ?? createMemoryRateLimiter();
  app.post(
    '/:code/invitations',
    {
      schema: {
        ...routeDocs,
        summary:
          'Email the invitation (join link and .ics) to a list of addresses (host or co-host)',
        params: codeParams,
        body: emailInvitationBody,
        response: { 200: emailInvitationResult },
      },
    },
    async (request) =>
      sendInvitations({
        ctx: contextOf(deps, request),
        input: { ...request.body, code: request.params.code },
        mailer: deps.mailer,
        rateLimiter,
      }),
  );
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
