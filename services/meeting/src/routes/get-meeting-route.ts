import { meeting } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { getMeeting } from '../meetings/get-meeting.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from './shared.js';

/** GET /:code — the public view of a meeting. */
export function registerGetMeeting(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/:code',
    {
      schema: {
        ...routeDocs,
        summary: 'A meeting by its code',
        params: codeParams,
        response: { 200: meeting },
      },
    },
    async (request) => getMeeting({ ctx: contextOf(deps, request), input: request.params }),
  );
}
