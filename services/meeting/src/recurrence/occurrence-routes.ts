import { occurrence, occurrenceList, updateOccurrenceBody } from '@gomeet/protocol';
import { z } from 'zod';
import type { MeetingDeps } from '../deps.js';
import { codeParams, contextOf, routeDocs, type MeetingApp } from '../routes/shared.js';
import { listMeetingOccurrences } from './list-occurrences.js';
import { updateOccurrence } from './update-occurrence.js';

const occurrenceParams = codeParams.extend({
  id: z
    .string()
    .max(40)
    .describe("The occurrence's start as the rule gives it (ISO 8601), its id in the list"),
});

const listQuery = z.object({
  from: z.iso
    .datetime({ offset: true, message: 'expected an ISO 8601 date-time' })
    .optional()
    .describe('List occurrences not over at this time (default: now)'),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(366)
    .default(60)
    .describe('How far ahead to look (from the first meeting, when it is later)'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

/** GET /:code/occurrences and PATCH /:code/occurrences/:id — a recurring meeting's dates. */
export function registerOccurrenceRoutes(app: MeetingApp, deps: MeetingDeps): void {
  app.get(
    '/:code/occurrences',
    {
      schema: {
        ...routeDocs,
        summary: "A meeting's next occurrences (one for a meeting that does not repeat)",
        params: codeParams,
        querystring: listQuery,
        response: { 200: occurrenceList },
      },
    },
    async (request) => ({
      occurrences: await listMeetingOccurrences({
        ctx: contextOf(deps, request),
        input: { ...request.query, code: request.params.code },
      }),
    }),
  );
  app.patch(
    '/:code/occurrences/:id',
    {
      schema: {
        ...routeDocs,
        summary: 'Change or cancel one occurrence of a recurring meeting (host or co-host)',
        params: occurrenceParams,
        body: updateOccurrenceBody,
        response: { 200: occurrence },
      },
    },
    async (request) =>
      updateOccurrence({
        ctx: contextOf(deps, request),
        input: { ...request.body, ...request.params },
      }),
  );
}
