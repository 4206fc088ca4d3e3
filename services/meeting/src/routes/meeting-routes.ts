import { requireAuthentication } from '@gomeet/platform';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { createEventContext, type MeetingDeps } from '../deps.js';
import { meetingCacheOf } from '../meetings/meeting-cache.js';
import type { MeetingDatabase } from '../meetings/tables.js';
import { subscribeLiveKitEvents } from '../webhooks/subscribe-livekit-events.js';
import { registerCancelMeeting } from './cancel-meeting-route.js';
import { registerCreateMeeting } from './create-meeting-route.js';
import { registerEndMeeting } from './end-meeting-route.js';
import { registerGetMeeting } from './get-meeting-route.js';
import { registerHostControlRoutes } from './host-control-routes.js';
import { registerJoinMeeting } from './join-meeting-route.js';
import { registerListMeetings } from './list-meetings-route.js';
import { registerLobbyRoutes } from './lobby-routes.js';
import { registerRecordingRoutes } from './recording-routes.js';
import { subscribeRecordingStatus } from '../recordings/apply-status.js';
import { createRecordings } from '../recordings/recordings.js';
import { scheduleRecordingJobs } from '../recordings/sweep-recordings.js';
import { registerPollRoutes } from '../polls/poll-routes.js';
import { registerBreakoutRoutes } from '../breakouts/breakout-routes.js';
import { registerUpdateMeeting } from './update-meeting-route.js';
import { registerAttendanceRoutes } from '../attendance/attendance-routes.js';
import { registerInvitationRoutes } from '../invitations/invitation-routes.js';
import { registerOccurrenceRoutes } from '../recurrence/occurrence-routes.js';
import { registerAdminRoutes } from '../admin/admin-routes.js';

/**
 * The meeting-service routes, registered under `/api/meetings` with the dependencies as
 * plugin options: `app.register(meetingRoutes, { prefix: '/api/meetings', ...deps })`.
 * Every route needs a GoMeet access token. Also applies LiveKit's webhook events (from the
 * bus) to the meeting records, until the app closes.
 */
export const meetingRoutes: FastifyPluginAsync<MeetingDeps> = async (instance, deps) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  // Joins read meetings from a cache; it listens for invalidations before the first request.
  await meetingCacheOf(deps.db as Kysely<MeetingDatabase>, deps.bus).ready;
  requireAuthentication(app, deps.verifier);
  registerCreateMeeting(app, deps);
  registerListMeetings(app, deps);
  registerGetMeeting(app, deps);
  registerUpdateMeeting(app, deps);
  registerCancelMeeting(app, deps);
  registerEndMeeting(app, deps);
  registerJoinMeeting(app, deps);
  registerLobbyRoutes(app, deps);
  registerHostControlRoutes(app, deps);
  const recordings = createRecordings(deps, app.log.child({ component: 'recordings' }));
  registerRecordingRoutes(app, deps, recordings);
  registerPollRoutes(app, deps);
  registerBreakoutRoutes(app, deps);
  registerAttendanceRoutes(app, deps);
  registerInvitationRoutes(app, deps);
  registerOccurrenceRoutes(app, deps);
  registerAdminRoutes(app, deps);
  // One subscription per app: LiveKit's webhook events, verified and published by signaling.
  const log = app.log.child({ component: 'livekit-events' });
  const unsubscribe = await subscribeLiveKitEvents(deps.bus, createEventContext(deps, log));
  app.addHook('onClose', unsubscribe);
  // Recorders' claims, states and heartbeats; the sweep fails silent ones, retention cleans up.
  const unsubscribeRecorders = await subscribeRecordingStatus(recordings);
  const stopJobs = scheduleRecordingJobs(recordings);
  app.addHook('onClose', async () => {
    stopJobs();
    recordings.webhooks?.close();
    await unsubscribeRecorders();
  });
};
