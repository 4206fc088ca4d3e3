import { z } from 'zod';
import { checkProductionSecrets, DEV_TURN_SECRET } from './secrets.js';

const turnUrl = z.string().regex(/^(turns?|stun):\S+$/, 'expected turn:, turns: or stun: URLs');

/**
 * The TURN variables, the same for every process that hands out TURN credentials (the
 * standalone auth- and meeting-services and the all-in-one server). Spread into a config
 * schema and call {@link checkTurnEnv} from its superRefine.
 */
export const turnEnv = {
  /** coturn's static-auth-secret; required in production (32+ characters, not published). */
  TURN_SECRET: z
    .string()
    .min(16, 'expected the coturn static-auth-secret (at least 16 characters)')
    .optional(),
  /** Comma-separated turn:, turns: or stun: URLs; unset, each process picks its default. */
  TURN_URLS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(turnUrl).min(1, 'expected at least one URL'))
    .optional(),
  /** How long issued credentials stay valid: one minute to one week. */
  TURN_TTL_SECONDS: z.coerce
    .number()
    .int('expected whole seconds')
    .min(60, 'expected at least 60 seconds')
    .max(7 * 86400, 'expected at most a week (604800 seconds)')
    .default(86400),
};

/** Parsed TURN variables. */
export type TurnEnv = z.output<z.ZodObject<typeof turnEnv>>;

/** What a process needs to issue TURN credentials. */
export interface TurnSettings {
  secret: string;
  urls: string[];
  ttlSeconds: number;
}

/**
 * The TURN rules across variables: production requires TURN_SECRET, of at least 32
 * characters and not a published value (`checkProductionSecrets`). Use inside superRefine.
 */
export function checkTurnEnv(env: TurnEnv & { NODE_ENV: string }, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV === 'production' && !env.TURN_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['TURN_SECRET'],
      message: 'required in production (coturn static-auth-secret)',
    });
  }
  checkProductionSecrets(env, ['TURN_SECRET'], ctx);
}

/**
 * TURN settings from parsed config: the development secret when none is set (production
 * refuses that in {@link checkTurnEnv}), `fallbackUrls` when TURN_URLS is unset; undefined
 * when there are no URLs at all.
 */
export function turnSettingsFrom(
  env: TurnEnv,
  fallbackUrls?: readonly string[],
): TurnSettings | undefined {
  const urls = env.TURN_URLS ?? fallbackUrls;
  if (!urls || urls.length === 0) return undefined;
  return {
    secret: env.TURN_SECRET ?? DEV_TURN_SECRET,
    urls: [...urls],
    ttlSeconds: env.TURN_TTL_SECONDS,
  };
}
