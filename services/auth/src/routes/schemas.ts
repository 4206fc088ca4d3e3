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
export { problemSchema as problem, problemResponses as problems } from '@gomeet/platform';

/** An empty 204 response. */
export const noContent = z.null().describe('No content');

/** Routes that need `Authorization: Bearer <access token>`. */
export const bearer = [{ bearer: [] }];

/** The schema fields every auth route shares. */
export const tags = ['auth'];
