import { baseEnv, checkBaseEnv } from '@gomeet/platform';
import { z } from 'zod';

/** The chat-service's own environment variables (merged with `baseEnv` by each process). */
export const chatEnv = {
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
