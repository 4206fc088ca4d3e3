import { actorOf } from '@gomeet/platform';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createContext, type Ctx, type MeetingDeps } from '../deps.js';

/** The meeting plugin's Fastify instance, with zod schemas. */
export type MeetingApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Common OpenAPI fields of every meeting route. */
export const routeDocs = { tags: ['meetings'], security: [{ bearer: [] }] };

/** The `:code` path parameter; any spelling is accepted and normalised by the verbs. */
export const codeParams = z.object({
  code: z.string().max(64).describe('Meeting code, e.g. abc-defg-hij'),
});

/** A verb context for the request's caller. */
export function contextOf(deps: MeetingDeps, request: FastifyRequest): Ctx {
  const { clientUrlFor } = deps.livekit;
  const livekit = clientUrlFor
    ? { ...deps.livekit, url: clientUrlFor(request.host) }
    : deps.livekit;
  return createContext(deps, actorOf(request), request.log, livekit);
}

/** The `:code` and `:identity` path parameters of actions on one person in a meeting. */
export const personParams = codeParams.extend({
  identity: z.string().min(1).max(200).describe('The participant’s identity (user or guest id)'),
});
