import { chatMessage } from '@gomeet/protocol';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HISTORY_LIMIT } from '../messages/list-messages.js';
import { MAX_TEXT_CHARS } from '../messages/limits.js';

/** The Fastify instance the chat routes are registered on, with zod schemas. */
export type ChatApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Common OpenAPI fields of every chat route. */
export const routeDocs = { tags: ['chat'], security: [{ bearer: [] }] };

/** RFC 9457 problem details, as the platform error handler sends them. */
export { problemSchema as problem, problemResponses as problems } from '@gomeet/platform';

/** A message id: opaque to clients, but always a positive integer in decimal. */
export const messageId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'expected a message id')
  .describe('Message id (opaque, totally ordered)');

/** The `:code` path parameter; any spelling of a code is accepted and normalised. */
export const codeParams = z.object({
  code: z.string().max(64).describe('Meeting code, e.g. abc-defg-hij'),
});

/** `:code` and `:id` path parameters. */
export const messageParams = codeParams.extend({ id: messageId });

const text = z
  .string()
  .describe(`1–${MAX_TEXT_CHARS} characters after trimming; longer answers 413`);

/** POST body: a new message. */
export const postMessageBody = z.object({
  clientId: z
    .string()
    .min(1)
    .max(64)
    .describe('Chosen by the client (a UUID); a retry with the same one returns the same message'),
  text,
  to: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Identity of the recipient of a private message'),
});

/** PATCH body: the new text. */
export const editMessageBody = z.object({ text });

/** GET query: one page of history. */
export const historyQuery = z.object({
  before: messageId.optional().describe('Older messages than this id (scroll back)'),
  after: messageId.optional().describe('Newer messages than this id, oldest first (catch up)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(HISTORY_LIMIT.max)
    .optional()
    .describe(`Page size, default ${HISTORY_LIMIT.default}`),
});

/** GET response: messages oldest first, and whether more lie beyond the page. */
export const historyPage = z.object({
  messages: z.array(chatMessage),
  hasMore: z.boolean(),
});

/** An empty 204 response. */
export const noContent = z.null().describe('No content');
