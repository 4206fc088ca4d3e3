import { attendanceReport } from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from '../routes/shared.js';
import { exportAttendance } from './export-attendance.js';
import { listAttendance } from './list-attendance.js';

/** GET /:code/attendance and /:code/attendance.csv — who attended (host and co-hosts). */
export function registerAttendanceRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/:code/attendance',
    {
      schema: {
        ...routeDocs,
        summary: 'Who attended a meeting, when and for how long (host or co-host)',
        params: codeParams,
        response: { 200: attendanceReport },
      },
    },
    async (request) => listAttendance({ ctx: contextOf(deps, request), input: request.params }),
  );
  app.get(
    '/:code/attendance.csv',
    {
      schema: {
        ...routeDocs,
        summary: 'A meeting’s attendance as CSV (host or co-host)',
        params: codeParams,
        produces: ['text/csv'],
        response: {
          200: z
            .string()
            .describe('CSV: name, role, first_joined, last_left, total_minutes, stays'),
        },
      },
    },
    async (request, reply) => {
      const { filename, csv } = await exportAttendance({
        ctx: contextOf(deps, request),
        input: request.params,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
