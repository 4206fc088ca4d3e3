import { meetingList } from '@gomeet/protocol';
import type { MeetingDeps } from '../deps.js';
import { listMyMeetings } from '../meetings/list-my-meetings.js';
import { contextOf, routeDocs, type MeetingApp } from './shared.js';

/** GET / — the caller's upcoming and past meetings. */
export function registerListMeetings(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/',
    {
      schema: {
        ...routeDocs,
        summary: 'My meetings: hosted, co-hosted or attended',
        response: { 200: meetingList },
      },
    },
    async (request) => listMyMeetings({ ctx: contextOf(deps, request) }),
  );
}
