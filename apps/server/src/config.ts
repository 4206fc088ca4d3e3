import {
  authAdminEnv,
  authEnv,
  authLimitEnv,
  authMailEnv,
  authOidcEnv,
  checkOidcEnv,
} from '@gomeet/auth';
import { chatLimitEnv } from '@gomeet/chat';
import { checkRecordingEnv, passcodeLimitEnv, recordingEnv } from '@gomeet/meeting';
import {
  baseEnv,
  checkBaseEnv,
  checkProductionSecrets,
  checkTurnEnv,
  recordingStorageEnv,
  turnEnv,
} from '@gomeet/platform';
import { z } from 'zod';

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
    LIVEKIT_NODE_IP: z.ipv4('expected the IPv4 address LiveKit advertises').optional(),
    LIVEKIT_PUBLIC_URL: z
      .string()
      .regex(/^wss?:\/\/[^/\s]+/, 'expected a ws:// or wss:// URL browsers can reach')
      .optional(),
    TLS_CERT: z.string().min(1, 'expected the path of a PEM certificate (chain)').optional(),
    TLS_KEY: z.string().min(1, 'expected the path of the PEM private key').optional(),
    /** TURN_URLS unset: the embedded coturn's UDP and TCP URLs, or turn:localhost:3478 without it. */
    ...turnEnv,
    TURN_BIN: z.string().min(1).default('turnserver'),
    TURN_PORT: z.coerce.number().int().min(0).max(65535).default(3478),
    TURN_RELAY_PORTS: z
      .string()
      .regex(/^\d+-\d+$/, 'expected a range such as 49160-49359')
      .transform((s) => s.split('-').map(Number) as [number, number])
      .refine(([a, b]) => a >= 1024 && a < b && b <= 65535, 'expected 1024 ≤ first < last ≤ 65535')
      .default([49160, 49359]),
    JWT_SIGNING_KEYS: authEnv.JWT_SIGNING_KEYS,
    ...authLimitEnv,
    ...authMailEnv,
    ...authOidcEnv,
    ...authAdminEnv,
    ...passcodeLimitEnv,
    ...chatLimitEnv,
    WEB_DIST: z.string().min(1).optional(),
    /** Recordings (docs/RECORDING.md): storage, retention, webhook, the in-process recorder. */
    ...recordingStorageEnv,
    ...recordingEnv,
    RECORDER_SPOOL_DIR: z.string().min(1).optional(),
    RECORDER_MAX_JOBS: z.coerce.number().int('expected a whole number').positive().default(2),
    /** ffmpeg for the in-process recorder; default: the one on PATH (none: recording is off). */
    FFMPEG_PATH: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    checkBaseEnv(env, ctx);
    if (!env.TLS_CERT !== !env.TLS_KEY)
      ctx.addIssue({
        code: 'custom',
        path: [env.TLS_CERT ? 'TLS_KEY' : 'TLS_CERT'],
        message: 'TLS_CERT and TLS_KEY go together (both or neither)',
      });
    // Generated dev secrets are for a laptop; production names its own, strong and unpublished.
    checkTurnEnv(env, ctx);
    checkOidcEnv(env, ctx);
    checkRecordingEnv(env, ctx);
    checkProductionSecrets(env, ['LIVEKIT_API_SECRET'], ctx);
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const) {
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
