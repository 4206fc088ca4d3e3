import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { MeetingDeps } from '../deps.js';
import { requireAuthentication } from './auth.js';
import { registerCancelMeeting } from './cancel-meeting-route.js';
import { registerCreateMeeting } from './create-meeting-route.js';
import { registerEndMeeting } from './end-meeting-route.js';
import { registerGetMeeting } from './get-meeting-route.js';
import { registerJoinMeeting } from './join-meeting-route.js';
import { registerListMeetings } from './list-meetings-route.js';
import { registerUpdateMeeting } from './update-meeting-route.js';

/**
 * The meeting-service routes, registered under `/api/meetings` with the dependencies as
 * plugin options: `app.register(meetingRoutes, { prefix: '/api/meetings', ...deps })`.
 * Every route needs a GoMeet access token.
 */
export const meetingRoutes: FastifyPluginAsync<MeetingDeps> = async (instance, deps) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  requireAuthentication(app, deps.verifier);
  registerCreateMeeting(app, deps);
  registerListMeetings(app, deps);
  registerGetMeeting(app, deps);
  registerUpdateMeeting(app, deps);
  registerCancelMeeting(app, deps);
  registerEndMeeting(app, deps);
  registerJoinMeeting(app, deps);
  return Promise.resolve();
};
