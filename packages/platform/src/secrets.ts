import type { z } from 'zod';

/** The shortest TURN or LiveKit secret production accepts (an HMAC key: 32 characters). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** The TURN secret a development machine uses when none is set; refused in production. */
export const DEV_TURN_SECRET = 'gomeet-dev-turn-secret-not-for-production';

/**
 * Secrets printed in this repository or in LiveKit's docs (`livekit-server --dev` runs with
 * devkey/secret; the test and bench fixtures use the others). Anyone can read them, so
 * production refuses them whatever their length.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  DEV_TURN_SECRET,
  'secret',
  'devkey',
  'test-secret-of-at-least-thirty-two-chars',
  'bench-secret-of-at-least-thirty-two-chars',
  'ops-secret-of-at-least-thirty-two-characters',
];

/**
 * With NODE_ENV=production, adds an issue for each named secret that is set but published or
 * shorter than {@link MIN_PRODUCTION_SECRET_LENGTH}. Whether a secret is required is the
 * caller's rule; this one only judges the values given. Use inside superRefine.
 */
export function checkProductionSecrets(
  env: { NODE_ENV: string } & Record<string, unknown>,
  names: readonly string[],
  ctx: z.RefinementCtx,
): void {
  if (env.NODE_ENV !== 'production') return;
  for (const name of names) {
    const value = env[name];
    if (typeof value !== 'string' || value === '') continue;
    if (PUBLISHED_SECRETS.includes(value)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'is a published development value; generate a secret of your own in production',
      });
    } else if (value.length < MIN_PRODUCTION_SECRET_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `expected at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
      });
    }
  }
}
