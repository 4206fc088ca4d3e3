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
};

/** Parsed base environment. */
export type BaseConfig = z.output<z.ZodObject<typeof baseEnv>>;
