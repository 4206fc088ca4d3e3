import { i18n } from '../i18n';
import type common from '../i18n/locales/en/common.json';

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

/** The app's own sentence for each problem kind it knows (common namespace keys). */
const MESSAGES = {
  'wrong-passcode': 'errors.wrongPasscode',
  'passcode-required': 'errors.passcodeRequired',
  'meeting-ended': 'errors.meetingEnded',
  'meeting-full': 'errors.meetingFull',
  'guest-limit-reached': 'errors.guestLimitReached',
  'too-many-attempts': 'errors.tooManyAttempts',
  'slow-down': 'errors.slowDown',
  'guests-not-allowed': 'errors.guestsNotAllowed',
  'invalid-credentials': 'errors.invalidCredentials',
  'email-taken': 'errors.emailTaken',
  'rate-limited': 'errors.tooManyAttempts',
  'not-found': 'errors.notFound',
  network: 'errors.network',
} as const satisfies Record<string, `errors.${keyof (typeof common)['errors']}`>;

const isKnown = (kind: string): kind is keyof typeof MESSAGES => Object.hasOwn(MESSAGES, kind);

/** A sentence a person understands, for any error the app can meet, in the current language. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (isKnown(error.kind)) return i18n.t(MESSAGES[error.kind]);
    if (error.status === 404) return i18n.t('errors.notFound');
    if (error.status === 410) return i18n.t('errors.meetingEnded');
    if (error.status >= 500) return i18n.t('errors.server');
    return error.message; // the server's own words (its problem detail)
  }
  if (error instanceof Error) return error.message;
  return i18n.t('errors.unknown');
}
