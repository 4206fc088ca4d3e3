import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

/** The Fastify instance the auth routes are registered on, with zod schemas. */
export type AuthApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** RFC 9457 problem details, as the platform error handler sends them. */
export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('application/problem+json');

/** Documents the error statuses a route can answer with. */
export function problems<const S extends number>(...statuses: S[]): Record<S, typeof problem> {
  return Object.fromEntries(statuses.map((s) => [s, problem])) as Record<S, typeof problem>;
}

/** An empty 204 response. */
export const noContent = z.null().describe('No content');

/** Routes that need `Authorization: Bearer <access token>`. */
export const bearer = [{ bearer: [] }];

/** The schema fields every auth route shares. */
export const tags = ['auth'];
