/** What the API tells us went wrong (RFC 9457 problem+json), with the last path segment of its type. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  retryAfter: number | undefined;
  constructor(
    readonly status: number,
    /** The problem type's last segment, e.g. "wrong-passcode"; "network" when no answer came. */
    readonly kind: string,
    message: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface ProblemBody {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
}

function kindOf(type: unknown, status: number): string {
  if (typeof type === 'string' && type !== 'about:blank') {
    const last = type.split(/[/#]/).filter(Boolean).pop();
    if (last) return last;
  }
  return `http-${status}`;
}

function fieldErrorsOf(errors: unknown): { field: string; message: string }[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { field, message } = e as { field?: unknown; message?: unknown };
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
  });
}

/** Reads a failed response into an ApiError, whatever shape its body has. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  try {
    const parsed: unknown = await res.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed;
  } catch {
    // not JSON (a proxy's HTML error page, an empty body): the status is all we have
  }
  const detail = typeof body.detail === 'string' ? body.detail : undefined;
  const title = typeof body.title === 'string' ? body.title : res.statusText;
  const error = new ApiError(
    res.status,
    kindOf(body.type, res.status),
    detail ?? title,
    fieldErrorsOf(body.errors),
  );
  const retryAfter = Number(res.headers.get('retry-after'));
  if (retryAfter > 0) error.retryAfter = retryAfter;
  return error;
}

const MESSAGES: Record<string, string> = {
  'wrong-passcode': 'That passcode is not right. Check it with the host and try again.',
  'passcode-required': 'This meeting needs a passcode.',
  'meeting-ended': 'This meeting has ended.',
  'meeting-full': 'This meeting is full. Try again when someone leaves.',
  'guest-limit-reached':
    'This meeting already has as many guests as its host allows. Sign in to join, or ask the host.',
  'too-many-attempts': 'Too many attempts. Wait a minute and try again.',
  'slow-down': 'Too many people are joining right now. Try again in a moment.',
  'guests-not-allowed': 'This meeting is for signed-in people only. Sign in to join.',
  'invalid-credentials': 'Wrong email or password.',
  'email-taken': 'An account with this email already exists. Sign in instead.',
  'rate-limited': 'Too many attempts. Wait a minute and try again.',
  'not-found': 'There is no meeting with this code. Check the link.',
  network: 'Cannot reach GoMeet. Check your connection and try again.',
};

/** A sentence a person understands, for any error the app can meet. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const known = MESSAGES[error.kind];
    if (known) return known;
    if (error.status === 404) return MESSAGES['not-found'] ?? error.message;
    if (error.status === 410) return MESSAGES['meeting-ended'] ?? error.message;
    if (error.status >= 500) return 'GoMeet had a problem on its side. Try again in a moment.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
