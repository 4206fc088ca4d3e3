import { baseEnv, checkBaseEnv } from '@gomeet/platform';
import { z } from 'zod';
import { MESSAGE_RATE, type MessageRate } from './messages/limits.js';

const count = (fallback: number) =>
  z.coerce
    .number()
    .int('expected a whole number')
    .positive('expected at least 1')
    .default(fallback);

/** The chat message limit's variables (docs/SECURITY.md); the all-in-one server spreads them too. */
export const chatLimitEnv = {
  CHAT_MESSAGES_PER_WINDOW: count(MESSAGE_RATE.limit),
  CHAT_MESSAGE_WINDOW_SECONDS: count(MESSAGE_RATE.windowMs / 1000),
};

/** The chat message limit from parsed config. */
export function chatLimits(env: z.output<z.ZodObject<typeof chatLimitEnv>>): MessageRate {
  return {
    limit: env.CHAT_MESSAGES_PER_WINDOW,
    windowMs: env.CHAT_MESSAGE_WINDOW_SECONDS * 1000,
  };
}

/** The chat-service's own environment variables (merged with `baseEnv` by each process). */
export const chatEnv = {
  ...chatLimitEnv,
  AUTH_JWKS_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, "expected an http(s):// URL of the auth-service's JWKS"),
};

/**
 * The standalone chat-service's configuration. REDIS_URL is required here: the roster that
 * decides who may chat is written by meeting-service, and only Redis shares it across processes.
 */
export const chatConfig = z
  .object({ ...baseEnv, ...chatEnv })
  .refine((c) => c.REDIS_URL !== undefined, {
    path: ['REDIS_URL'],
    message: 'expected a redis:// URL: the standalone chat-service reads the shared roster there',
  })
  .superRefine(checkBaseEnv);
export type ChatConfig = z.output<typeof chatConfig>;
