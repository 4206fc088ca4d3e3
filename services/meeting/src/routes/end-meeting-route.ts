import { meeting } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { endMeeting } from '../meetings/end-meeting.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from './shared.js';

/** POST /:code/end — end a meeting for everyone (host and co-hosts). */
export function registerEndMeeting(app: MeetingApp, deps: MeetingDeps): void {
  app.post(
    '/:code/end',
    {
      schema: {
        ...routeDocs,
        summary: 'End a meeting for everyone (host or co-host)',
        params: codeParams,
        response: { 200: meeting },
      },
    },
    async (request) => endMeeting({ ctx: contextOf(deps, request), input: request.params }),
  );
}
