import type { z } from 'zod';
import { ApiError } from '../api/problem';
import { i18n } from '../i18n';

export type FieldErrors = Record<string, string>;

type Vars = Record<string, string>;

/**
 * The shared schemas' own messages (packages/protocol), as translation keys: the English text
 * is the schema's, word for word. The server sends the same sentences as field errors.
 */
const KNOWN: [RegExp, (vars: Vars) => string][] = [
  [/^expected an email address$/, () => i18n.t('validation.email')],
  [
    /^password must be at least (?<min>\d+) characters$/,
    (v) => i18n.t('validation.passwordMin', { min: v.min ?? '' }),
  ],
  [
    /^password must be at most (?<max>\d+) characters$/,
    (v) => i18n.t('validation.passwordMax', { max: v.max ?? '' }),
  ],
  [/^password is required$/, () => i18n.t('validation.passwordRequired')],
  [/^display name is required$/, () => i18n.t('validation.displayNameRequired')],
  [
    /^display name must be at most (?<max>\d+) characters$/,
    (v) => i18n.t('validation.displayNameMax', { max: v.max ?? '' }),
  ],
  [/^must not contain NUL characters$/, () => i18n.t('validation.noNul')],
  [/^the link has no token$/, () => i18n.t('validation.linkNoToken')],
  [/^the link token is too long$/, () => i18n.t('validation.linkTokenTooLong')],
  [/^title is required$/, () => i18n.t('validation.titleRequired')],
  [/^text is required$/, () => i18n.t('validation.textRequired')],
  [/^question is required$/, () => i18n.t('validation.questionRequired')],
  [/^an answer cannot be empty$/, () => i18n.t('validation.answerEmpty')],
  [
    /^a poll needs at least (?<min>\d+) answers$/,
    (v) => i18n.t('validation.pollMinAnswers', { min: v.min ?? '' }),
  ],
  [
    /^a poll offers at most (?<max>\d+) answers$/,
    (v) => i18n.t('validation.pollMaxAnswers', { max: v.max ?? '' }),
  ],
  [/^choose at least one answer$/, () => i18n.t('validation.chooseAnswer')],
  [/^choose at least one day$/, () => i18n.t('validation.chooseDay')],
  [/^give until or count, not both$/, () => i18n.t('validation.untilOrCount')],
  [/^weekdays are for weekly meetings only$/, () => i18n.t('validation.weekdaysWeeklyOnly')],
  [/^expected an ISO 8601 date-time$/, () => i18n.t('validation.dateTime')],
  [
    /^expected a date between the years 2000 and 9999$/,
    () => i18n.t('validation.dateRange', { from: '2000', to: '9999' }),
  ],
  [
    /^passcode must be at least (?<min>\d+) characters$/,
    (v) => i18n.t('validation.passcodeMin', { min: v.min ?? '' }),
  ],
];

/** A known schema message in the current language, or undefined. */
export function translateSchemaMessage(message: string): string | undefined {
  for (const [pattern, translate] of KNOWN) {
    const m = pattern.exec(message);
    if (m) return translate({ ...m.groups });
  }
  return undefined;
}

/** A zod issue without a message of the schemas' own, said in the current language. */
function genericMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') {
    const minimum = String(issue.minimum);
    if (issue.origin === 'string') return i18n.t('validation.tooShort', { minimum });
    if (issue.origin === 'array' || issue.origin === 'set')
      return i18n.t('validation.tooFew', { minimum });
    return i18n.t('validation.tooSmall', { minimum });
  }
  if (issue.code === 'too_big') {
    const maximum = String(issue.maximum);
    if (issue.origin === 'string') return i18n.t('validation.tooLong', { maximum });
    if (issue.origin === 'array' || issue.origin === 'set')
      return i18n.t('validation.tooMany', { maximum });
    return i18n.t('validation.tooBig', { maximum });
  }
  return i18n.t('validation.invalid');
}

/** The first message per field from a failed zod parse, keyed by the field's name. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= translateSchemaMessage(issue.message) ?? genericMessage(issue);
  }
  return out;
}

/** Field messages the server sent with a validation problem (known ones in the current language). */
export function apiFieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiError) {
    for (const e of error.fieldErrors) {
      out[e.field.split('.').pop() ?? e.field] ??= translateSchemaMessage(e.message) ?? e.message;
    }
  }
  return out;
}
