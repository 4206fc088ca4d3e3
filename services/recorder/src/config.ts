import {
  baseEnv,
  checkBaseEnv,
  checkProductionSecrets,
  recordingStorageEnv,
} from '@gomeet/platform';
import { z } from 'zod';

/** The recorder's own variables (the all-in-one server passes the same values in code). */
export const recorderEnv = {
  ...recordingStorageEnv,
  /** Where the recorder reaches LiveKit; inside a cluster the SFU's own service address. */
  LIVEKIT_API_URL: z
    .string()
    .regex(/^(https?|wss?):\/\/\S+$/, 'expected an http(s):// or ws(s):// URL')
    .optional(),
  LIVEKIT_URL: z
    .string()
    .regex(/^wss?:\/\/\S+$/, 'expected the ws:// or wss:// URL of LiveKit')
    .optional(),
  LIVEKIT_API_KEY: z.string().min(1, 'expected the LiveKit API key'),
  LIVEKIT_API_SECRET: z.string().min(1, 'expected the LiveKit API secret'),
  /** Where recordings are written while they run (default GOMEET_DATA_DIR/recordings-spool). */
  RECORDER_SPOOL_DIR: z.string().min(1).optional(),
  RECORDER_MAX_JOBS: z.coerce
    .number()
    .int('expected a whole number')
    .positive('expected at least 1')
    .default(2),
  /** ffmpeg to run; default: the one on PATH. */
  FFMPEG_PATH: z.string().min(1).optional(),
};

/**
 * The standalone recorder's configuration: REDIS_URL (the bus meeting-service sends jobs on),
 * a LiveKit address, and in production a bucket (a pod's disk does not outlive it).
 */
export const recorderConfig = z.object({ ...baseEnv, ...recorderEnv }).superRefine((c, ctx) => {
  checkBaseEnv(c, ctx);
  checkProductionSecrets(c, ['LIVEKIT_API_SECRET'], ctx);
  if (!c.REDIS_URL)
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message: 'expected a redis:// URL: meeting-service sends recording jobs over its bus',
    });
  if (!c.LIVEKIT_API_URL && !c.LIVEKIT_URL)
    ctx.addIssue({
      code: 'custom',
      path: ['LIVEKIT_API_URL'],
      message: 'expected LIVEKIT_API_URL or LIVEKIT_URL: where the recorder joins meeting rooms',
    });
  if (c.NODE_ENV === 'production' && !c.RECORDINGS_BUCKET)
    ctx.addIssue({
      code: 'custom',
      path: ['RECORDINGS_BUCKET'],
      message: 'required in production: recordings must outlive the recorder pod',
    });
});
export type RecorderConfig = z.output<typeof recorderConfig>;

/** The ws(s):// address the recorder joins rooms at: the in-cluster API URL first. */
export function recorderLivekitUrl(c: Pick<RecorderConfig, 'LIVEKIT_API_URL' | 'LIVEKIT_URL'>) {
  return (c.LIVEKIT_API_URL ?? c.LIVEKIT_URL ?? '').replace(/^http/, 'ws');
}
