import {
  baseEnv,
  checkBaseEnv,
  checkProductionSecrets,
  checkTurnEnv,
  mailEnv,
  recordingStorageEnv,
  turnEnv,
  turnSettingsFrom,
} from '@gomeet/platform';
import { z } from 'zod';
import type { TurnDeps } from './deps.js';
import { DEFAULT_PASSCODE_LIMITS, type PasscodeLimits } from './join/limit-passcode.js';
import { checkRecordingEnv, recordingEnv } from './recordings/recording-env.js';

const httpUrl = (what: string) =>
  z.string().regex(/^https?:\/\/\S+$/, `expected an http(s):// URL of ${what}`);

const count = (fallback: number) =>
  z.coerce
    .number()
    .int('expected a whole number')
    .positive('expected at least 1')
    .default(fallback);

/** The wrong-passcode limits' variables (docs/SECURITY.md); the all-in-one server spreads them too. */
export const passcodeLimitEnv = {
  PASSCODE_FAILURES_PER_IDENTITY: count(DEFAULT_PASSCODE_LIMITS.perIdentity),
  PASSCODE_FAILURES_PER_ADDRESS: count(DEFAULT_PASSCODE_LIMITS.perAddress),
  PASSCODE_FAILURE_WINDOW_SECONDS: count(DEFAULT_PASSCODE_LIMITS.windowMs / 1000),
};

/** The wrong-passcode limits from parsed config. */
export function passcodeLimits(
  env: z.output<z.ZodObject<typeof passcodeLimitEnv>>,
): PasscodeLimits {
  return {
    perIdentity: env.PASSCODE_FAILURES_PER_IDENTITY,
    perAddress: env.PASSCODE_FAILURES_PER_ADDRESS,
    windowMs: env.PASSCODE_FAILURE_WINDOW_SECONDS * 1000,
  };
}

/** The meeting-service's own environment variables (merged with `baseEnv` by each process). */
export const meetingEnv = {
  ...passcodeLimitEnv,
  LIVEKIT_URL: z
    .string()
    .regex(/^wss?:\/\/\S+$/, 'expected the ws:// or wss:// URL clients connect to LiveKit with'),
  /** Where this service reaches LiveKit's API, when not through the client-facing URL. */
  LIVEKIT_API_URL: z
    .string()
    .regex(/^(https?|wss?):\/\/\S+$/, 'expected an http(s):// or ws(s):// URL')
    .optional(),
  LIVEKIT_API_KEY: z.string().min(1, 'expected the LiveKit API key'),
  LIVEKIT_API_SECRET: z.string().min(1, 'expected the LiveKit API secret'),
  PUBLIC_URL: httpUrl('the web app').default('http://localhost:8080'),
  AUTH_JWKS_URL: httpUrl("the auth-service's JWKS"),
  ...turnEnv,
  /** Recordings: a bucket the recorder pods upload to (unset: recording is off), retention, webhook. */
  ...recordingStorageEnv,
  ...recordingEnv,
  /** Invitation mail: SMTP_URL and MAIL_FROM, as auth reads them (unset SMTP_URL: no email). */
  ...mailEnv,
};

/** The standalone meeting-service's configuration. */
export const meetingConfig = z.object({ ...baseEnv, ...meetingEnv }).superRefine((c, ctx) => {
  checkBaseEnv(c, ctx);
  checkTurnEnv(c, ctx);
  checkRecordingEnv(c, ctx);
  // Production refuses published and short secrets (docs/SECURITY.md).
  checkProductionSecrets(c, ['LIVEKIT_API_SECRET'], ctx);
});
export type MeetingConfig = z.output<typeof meetingConfig>;

/** TURN settings from the environment, or undefined when TURN_URLS is not set. */
export function turnFromEnv(
  config: Pick<MeetingConfig, 'TURN_SECRET' | 'TURN_URLS' | 'TURN_TTL_SECONDS'>,
): TurnDeps | undefined {
  return turnSettingsFrom(config);
}
