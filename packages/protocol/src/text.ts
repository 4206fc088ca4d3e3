import { z } from 'zod';

/** `.refine(...storable)`: text a database can store (PostgreSQL's text cannot hold NUL). */
export const storable = [
  (s: string) => !s.includes('\u0000'),
  'must not contain NUL characters',
] as const;

/** A trimmed, required, length-capped string free of NUL (a 400 naming its field, not a 500). */
export function storableText(max: number, required: string) {
  return z
    .string()
    .trim()
    .min(1, required)
    .max(max)
    .refine(...storable);
}
