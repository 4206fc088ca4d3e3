import { baseEnv, checkBaseEnv, checkProductionSecrets } from '@gomeet/platform';
import { z } from 'zod';

/** The signaling-service's own environment variables (merged with `baseEnv` by each process). */
export const signalingEnv = {
  AUTH_JWKS_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, "expected an http(s):// URL of the auth-service's JWKS"),
  LIVEKIT_API_KEY: z.string().min(1, 'expected the LiveKit API key (webhook signatures)'),
  LIVEKIT_API_SECRET: z.string().min(1, 'expected the LiveKit API secret (webhook signatures)'),
  /**
   * The web app's URL: socket upgrades from another Origin are refused (403). Unset, any origin
   * may open a socket (a token is still required); a missing Origin (bots) always may.
   */
  PUBLIC_URL: z.url('expected the web app URL, such as https://meet.example.com').optional(),
  /** Server ping period; a socket missing two pongs is closed. */
  WS_HEARTBEAT_MS: z.coerce.number().int().min(1000).max(300_000).default(25_000),
};

/** The standalone signaling-service's configuration. Several pods share state through Redis. */
export const signalingConfig = z
  .object({ ...baseEnv, ...signalingEnv })
  .refine((c) => c.NODE_ENV !== 'production' || c.REDIS_URL !== undefined, {
    path: ['REDIS_URL'],
    message: 'expected a redis:// URL in production: pods share presence and events through it',
  })
  .superRefine((c, ctx) => {
    checkBaseEnv(c, ctx);
    checkProductionSecrets(c, ['LIVEKIT_API_SECRET'], ctx);
  });
export type SignalingConfig = z.output<typeof signalingConfig>;
