import { createMeetingBody, meeting } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { createMeeting } from '../meetings/create-meeting.js';
import { contextOf, routeDocs, type MeetingApp } from './shared.js';

/** POST / — create a meeting hosted by the caller. */
export function registerCreateMeeting(app: MeetingApp, deps: MeetingDeps): void {
  app.post(
    '/',
    {
      schema: {
        ...routeDocs,
        summary: 'Create a meeting',
        body: createMeetingBody,
        response: { 201: meeting },
      },
    },
    async (request, reply) => {
      const created = await createMeeting({ ctx: contextOf(deps, request), input: request.body });
      return reply.status(201).send(created);
    },
  );
}
