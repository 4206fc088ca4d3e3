import { z } from 'zod';
import type { RecordingWebhook } from './recording-deps.js';

/** Meeting-service's recording variables (docs/RECORDING.md); the all-in-one server spreads them too. */
export const recordingEnv = {
  /** Files are deleted this many days after their recording ended; unset or 0 keeps them. */
  RECORDING_RETENTION_DAYS: z.coerce
    .number()
    .int('expected a whole number of days')
    .min(0, 'expected 0 (keep forever) or more days')
    .optional(),
  RECORDING_WEBHOOK_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'expected an http(s):// URL to POST recording events to')
    .optional(),
  RECORDING_WEBHOOK_SECRET: z
    .string()
    .min(16, 'expected at least 16 characters (it signs every webhook)')
    .optional(),
  RECORDING_DOWNLOAD_TTL_SECONDS: z.coerce
    .number()
    .int('expected a whole number of seconds')
    .min(10, 'expected at least 10 seconds')
    .max(86_400, 'expected at most a day')
    .default(300),
};

type RecordingEnv = z.output<z.ZodObject<typeof recordingEnv>>;

/** The webhook URL and secret go together. Use with superRefine. */
export function checkRecordingEnv(env: RecordingEnv, ctx: z.RefinementCtx): void {
  if (!env.RECORDING_WEBHOOK_URL === !env.RECORDING_WEBHOOK_SECRET) return;
  ctx.addIssue({
    code: 'custom',
    path: [env.RECORDING_WEBHOOK_URL ? 'RECORDING_WEBHOOK_SECRET' : 'RECORDING_WEBHOOK_URL'],
    message: 'RECORDING_WEBHOOK_URL and RECORDING_WEBHOOK_SECRET go together (both or neither)',
  });
}

/** Retention, webhook and link lifetime from parsed config. */
export function recordingSettings(env: RecordingEnv): {
  retentionDays: number | undefined;
  webhook: RecordingWebhook | undefined;
  downloadTtlSeconds: number;
} {
  const url = env.RECORDING_WEBHOOK_URL;
  const secret = env.RECORDING_WEBHOOK_SECRET;
  return {
    retentionDays: env.RECORDING_RETENTION_DAYS || undefined,
    webhook: url && secret ? { url, secret } : undefined,
    downloadTtlSeconds: env.RECORDING_DOWNLOAD_TTL_SECONDS,
  };
}
