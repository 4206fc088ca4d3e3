import type { z } from 'zod';
import { ApiError } from '../api/problem';

export type FieldErrors = Record<string, string>;

/** The first message per field from a failed zod parse, keyed by the field's name. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** Field messages the server sent with a validation problem. */
export function apiFieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiError) {
    for (const e of error.fieldErrors) out[e.field.split('.').pop() ?? e.field] ??= e.message;
  }
  return out;
}
