import { z } from 'zod';

/** Thrown when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` with `schema` once. Each problem names the variable and what it expected;
 * values are never echoed, since they may be secrets.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    // A variable is missing when unset; a field inside a JSON variable when it has no value.
    const key = issue.path[0];
    const missing =
      issue.path.length === 1 && typeof key === 'string'
        ? env[key] === undefined || env[key] === ''
        : issue.input === undefined;
    const got = issue.code === 'invalid_type' && missing ? ' (missing)' : '';
    return `${name}: ${issue.message}${got}`;
  });
  throw new ConfigError(problems);
}

const ipOrCidr = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/\d{1,3})?)$/;

/**
 * Which proxies may set `X-Forwarded-For`: unset (trust none, the default), a hop count, or a
 * comma-separated list of addresses and CIDRs (e.g. the ingress's node network). `true`, which
 * lets any client forge its address, is refused.
 */
export const trustProxyEnv = z
  .string()
  .optional()
  .transform((raw, ctx): false | number | string[] => {
    const s = raw?.trim() ?? '';
    if (s === '' || s === 'false') return false;
    if (/^\d+$/.test(s)) return Number(s);
    const list = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (list.every((x) => ipOrCidr.test(x))) return list;
    ctx.addIssue({
      code: 'custom',
      message:
        'expected a hop count or a comma-separated list of proxy addresses/CIDRs (never "true": any client could forge its address)',
    });
    return z.NEVER;
  });

/** Environment fields every GoMeet process shares. */
export const baseEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int('expected an integer port').min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),
  GOMEET_DATA_DIR: z.string().min(1).default('./.data'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  TRUST_PROXY: trustProxyEnv,
  /** A separate port for `/metrics` (never routed by the gateway); required in production. */
  METRICS_PORT: z.coerce.number().int('expected an integer port').min(1).max(65535).optional(),
};

/**
 * The cross-variable rules every process shares. In production `/metrics` must not sit on the
 * public port: METRICS_PORT names the port Prometheus scrapes. Use with superRefine.
 */
export function checkBaseEnv(
  env: { NODE_ENV: string; METRICS_PORT?: number | undefined; PORT: number },
  ctx: z.RefinementCtx,
): void {
  if (env.NODE_ENV !== 'production') return;
  if (env.METRICS_PORT === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['METRICS_PORT'],
      message: 'required when NODE_ENV=production (metrics are served apart from the public port)',
    });
  } else if (env.METRICS_PORT === env.PORT) {
    ctx.addIssue({
      code: 'custom',
      path: ['METRICS_PORT'],
      message: 'expected a port other than PORT',
    });
  }
}

/** Parsed base environment. */
export type BaseConfig = z.output<z.ZodObject<typeof baseEnv>>;
