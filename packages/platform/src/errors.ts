import { z } from 'zod';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDependencyUnavailable } from './unavailable.js';

/** Retry-After (seconds) of a 503 answered because a dependency is down. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** The small set of error codes domain code may throw; each maps to one HTTP status. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** HTTP status for each error code. */
export const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Extra, client-safe details carried by an AppError. */
export interface AppErrorOptions {
  cause?: unknown;
  /** A more specific problem type slug, e.g. "wrong-passcode"; defaults to the code. */
  type?: string;
  /** Seconds a client should wait before retrying (429, 503). */
  retryAfter?: number;
  /** Fields that failed validation, each with a message. */
  errors?: { field: string; message: string }[];
}

/** An error whose message is safe to show a client (for 4xx) and whose code picks the status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly type: string;
  readonly retryAfter: number | undefined;
  readonly errors: { field: string; message: string }[] | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.type = options.type ?? code.toLowerCase().replaceAll('_', '-');
    this.retryAfter = options.retryAfter;
    this.errors = options.errors;
  }

  get status(): number {
    return statusOf[this.code];
  }
}

/** Base URI of GoMeet's problem types (RFC 9457 "type" member). */
export const PROBLEM_BASE = 'https://gomeet.dev/problems/';

/** An RFC 9457 problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface ZodLikeIssue {
  path?: PropertyKey[];
  message: string;
  instancePath?: string;
}

/** Turns Fastify's validation issues (zod or ajv) into `{ field, message }` pairs. */
function validationErrors(error: FastifyError): { field: string; message: string }[] {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const issues = (error.validation ?? []) as unknown as ZodLikeIssue[];
  return issues.map((issue) => {
    let path = '';
    if (Array.isArray(issue.path)) path = issue.path.map(String).join('.');
    else if (typeof issue.instancePath === 'string')
      path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = (issue as { params?: { missingProperty?: string } }).params;
    if (!path && params?.missingProperty) path = params.missingProperty;
    return { field: path ? `${context}.${path}` : context, message: issue.message };
  });
}

function problem(request: FastifyRequest, status: number, type: string, detail: string): Problem {
  return {
    type: PROBLEM_BASE + type,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
  };
}

function send(reply: FastifyReply, body: Problem, retryAfter?: number): FastifyReply {
  if (retryAfter !== undefined)
    void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** PostgreSQL refused a string it cannot store (SQLSTATE 22021, 22P05: NUL, bad encoding). */
function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '22021' || code === '22P05';
}

/**
 * Installs the one error handler: AppError → its status; validation → 400 naming each field;
 * malformed bodies and text the database cannot store → 400; a dependency that cannot be reached → 503 with Retry-After;
 * anything else → 500 with no internals. Unknown routes → 404.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const body = problem(request, error.status, error.type, error.message);
      if (error.errors) body.errors = error.errors;
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return send(reply, body, error.retryAfter);
    }
    if (error.validation) {
      const errors = validationErrors(error);
      const fields = errors.map((e) => e.field).join(', ');
      const body = problem(request, 400, 'validation', `Invalid request: ${fields}`);
      body.errors = errors;
      return send(reply, body);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large, ...
      const type =
        status === 400
          ? 'malformed-request'
          : (titles[status] ?? 'client-error').toLowerCase().replaceAll(' ', '-');
      return send(reply, problem(request, status, type, error.message));
    }
    if (isUnstorableText(error)) {
      // A schema let through text PostgreSQL cannot store (a NUL): the client's mistake.
      const detail = 'The request contains characters that cannot be stored (such as NUL).';
      return send(reply, problem(request, 400, 'unstorable-text', detail));
    }
    if (isDependencyUnavailable(error)) {
      // A dependency is down (PostgreSQL, Redis restarting): tell the client to come back.
      request.log.error({ err: error }, 'dependency unavailable');
      return send(
        reply,
        problem(
          request,
          503,
          'unavailable',
          'A service GoMeet depends on is unavailable; try again shortly.',
        ),
        UNAVAILABLE_RETRY_AFTER_SECONDS,
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, problem(request, 500, 'internal', 'Something went wrong on our side.'));
  });

  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      problem(
        request,
        404,
        'not-found',
        `No route for ${request.method} ${request.url.split('?')[0]}`,
      ),
    ),
  );
}

/** The zod schema of a problem+json body, for route response schemas (and OpenAPI). */
export const problemSchema = z
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

/** Documents the error statuses a route can answer with: `response: { 200: x, ...problemResponses(401, 404) }`. */
export function problemResponses<const S extends number>(
  ...statuses: S[]
): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<
    S,
    typeof problemSchema
  >;
}
