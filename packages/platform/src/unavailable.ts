/** Socket-level failures: the peer is gone, refused, or unreachable. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean "the server is not there right now": class 08 (connection
 * exception), 57P01–57P03 (shut down by an administrator, crash shutdown, cannot connect now).
 */
const postgresUnavailable = /^(08\d{3}|57P0[123])$/;

/** Messages of pg and ioredis when the connection is gone (they carry no code). */
const unavailableMessages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Connection is closed/i,
  /Stream isn't writeable/i,
  /Reached the max retries per request limit/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
];

/**
 * Whether `error` (or one it wraps) means a dependency — PostgreSQL, Redis, LiveKit — cannot
 * be reached right now, rather than a bug: the request should answer 503 with Retry-After.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (networkCodes.has(e.code) || postgresUnavailable.test(e.code)))
    return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e.message === 'string' && unavailableMessages.some((m) => m.test(e.message as string)))
    return true;
  if (
    error instanceof AggregateError &&
    error.errors.some((x) => isDependencyUnavailable(x, depth + 1))
  )
    return true;
  return isDependencyUnavailable(e.cause, depth + 1);
}
