import { actorOf, AppError, problemResponses as problems } from '@gomeet/platform';
import {
  adminAuditLog,
  adminAuditQuery,
  adminLiveMeeting,
  adminLiveMeetings,
  adminRecordings,
  adminUsage,
  adminUsageQuery,
} from '@gomeet/protocol';
import type { FastifyRequest } from 'fastify';
import type { MeetingDeps } from '../deps.js';
import { codeParams, contextOf, type MeetingApp } from '../routes/shared.js';
import { listAdminActions } from './audit.js';
import { endMeetingAsAdmin } from './end-meeting-as-admin.js';
import { listLiveMeetings } from './live-meetings.js';
import { recordingStorage } from './recording-storage.js';
import { usageReport } from './usage.js';

const docs = { tags: ['admin'], security: [{ bearer: [] }] };

/**
 * Refuses (403 `admin-required`) anyone whose access token does not carry the admin claim,
 * before parameters are read. Runs after the plugin's token check.
 */
async function adminOnly(request: FastifyRequest): Promise<void> {
  if (actorOf(request).admin !== true) {
    throw new AppError('FORBIDDEN', 'Only an admin of this GoMeet may do this.', {
      type: 'admin-required',
    });
  }
}

/** The admin console's meeting routes under /admin (the plugin's prefix before them). */
export function registerAdminRoutes(app: MeetingApp, deps: MeetingDeps): void {
  const endSummary = adminLiveMeeting.pick({ code: true, title: true, participants: true });
  app.get(
    '/admin/live',
    {
      onRequest: adminOnly,
      schema: {
        ...docs,
        summary: 'Meetings in progress with how many are in each (admins)',
        response: { 200: adminLiveMeetings, ...problems(401, 403) },
      },
    },
    async (request) => ({ meetings: await listLiveMeetings(contextOf(deps, request).db) }),
  );
  app.post(
    '/admin/live/:code/end',
    {
      onRequest: adminOnly,
      schema: {
        ...docs,
        summary: 'End a meeting in progress for everyone, as its host would (admins)',
        params: codeParams,
        response: { 200: endSummary, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => endMeetingAsAdmin({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.get(
    '/admin/usage',
    {
      onRequest: adminOnly,
      schema: {
        ...docs,
        summary:
          'Meeting minutes and peak concurrent participants per UTC day, from attendance (admins)',
        querystring: adminUsageQuery,
        response: { 200: adminUsage, ...problems(400, 401, 403) },
      },
    },
    async (request) => usageReport({ ctx: contextOf(deps, request), input: request.query }),
  );
  app.get(
    '/admin/recordings',
    {
      onRequest: adminOnly,
      schema: {
        ...docs,
        summary: 'Recording storage in use (admins)',
        response: { 200: adminRecordings, ...problems(401, 403) },
      },
    },
    async (request) => recordingStorage(contextOf(deps, request).db, deps),
  );
  app.get(
    '/admin/audit',
    {
      onRequest: adminOnly,
      schema: {
        ...docs,
        summary: 'The audit log of admin actions on meetings, newest first (admins)',
        querystring: adminAuditQuery,
        response: { 200: adminAuditLog, ...problems(400, 401, 403) },
      },
    },
    async (request) => ({
      entries: await listAdminActions(contextOf(deps, request).db, request.query.limit),
    }),
  );
}
