import { authEnv, authLimitEnv } from '@gomeet/auth';
import { passcodeLimitEnv } from '@gomeet/meeting';
import { baseEnv, checkBaseEnv, checkProductionSecrets } from '@gomeet/platform';
import { z } from 'zod';

const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** Everything the all-in-one server reads from the environment. */
export const serverEnv = z
  .object({
    ...baseEnv,
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url('expected an absolute URL such as http://localhost:8080').optional(),
    LIVEKIT_URL: z
      .string()
      .regex(/^wss?:\/\//, 'expected a ws:// or wss:// URL')
      .optional(),
    LIVEKIT_API_KEY: z.string().min(1).optional(),
    LIVEKIT_API_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
    LIVEKIT_PORT: z.coerce.number().int().min(0).max(65535).default(7880),
    LIVEKIT_BIN: z.string().min(1).default('.bin/livekit-server'),
    TURN_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
    TURN_URLS: commaList.default(['turn:localhost:3478?transport=udp']),
    JWT_SIGNING_KEYS: authEnv.JWT_SIGNING_KEYS,
    ...authLimitEnv,
    ...passcodeLimitEnv,
    WEB_DIST: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    checkBaseEnv(env, ctx);
    // Generated dev secrets are for a laptop; production names its own, strong and unpublished.
    checkProductionSecrets(env, ['TURN_SECRET', 'LIVEKIT_API_SECRET'], ctx);
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['TURN_SECRET', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const) {
      if (!env[name])
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'required when NODE_ENV=production',
        });
    }
  });

/** Parsed server configuration. */
export type ServerConfig = z.output<typeof serverEnv>;
