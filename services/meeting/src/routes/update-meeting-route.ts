import { meeting, updateMeetingBody } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { updateMeeting } from '../meetings/update-meeting.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from './shared.js';

/** PATCH /:code — change a meeting (host and co-hosts). */
export function registerUpdateMeeting(app: MeetingApp, deps: MeetingDeps): void {
  app.patch(
    '/:code',
    {
      schema: {
        ...routeDocs,
        summary: 'Change a meeting (host or co-host)',
        description:
          '409 `e2ee-while-live` when `settings.e2ee` would change while the meeting is live.',
        params: codeParams,
        body: updateMeetingBody,
        response: { 200: meeting },
      },
    },
    async (request) =>
      updateMeeting({
        ctx: contextOf(deps, request),
        input: { ...request.body, code: request.params.code },
      }),
  );
}
