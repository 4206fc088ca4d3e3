import { EXIT, ExitError } from '../../cli/exit.js';

/** Where the managed database URLs come from, and what the run should say about them. */
export interface ManagedUrls {
  databaseUrl?: string;
  redisUrl?: string;
  /** For the report: where each URL came from, and warnings; never a value. */
  notes: string[];
}

function parse(url: string, what: string, schemes: string[]): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ExitError(EXIT.USAGE, `${what} is not a URL`);
  }
  if (!schemes.includes(u.protocol))
    throw new ExitError(
      EXIT.USAGE,
      `${what} must start with ${schemes.map((s) => `${s}//`).join(' or ')}, not ${u.protocol}//`,
    );
  if (!u.hostname) throw new ExitError(EXIT.USAGE, `${what} has no host`);
  return u;
}

const STRICT_SSL = new Set(['require', 'verify-ca', 'verify-full']);

/**
 * The managed PostgreSQL and Redis URLs for the cluster's Secrets: `--database-url` /
 * `--redis-url`, else DATABASE_URL / REDIS_URL from the environment (what
 * setup-infrastructure prints for DigitalOcean's managed databases). Unset means the
 * in-cluster default (`postgres-primary:5432`, `redis-primary:6379`) with a new password.
 * Warns when a URL on DigitalOcean's managed ports would connect without TLS.
 */
export function managedUrls(
  flags: { databaseUrl?: string; redisUrl?: string },
  env: NodeJS.ProcessEnv,
): ManagedUrls {
  const notes: string[] = [];
  const pick = (flag: string | undefined, flagName: string, envName: string) =>
    flag
      ? { url: flag, from: flagName }
      : env[envName]
        ? { url: env[envName], from: `env ${envName}` }
        : undefined;
  const db = pick(flags.databaseUrl, '--database-url', 'DATABASE_URL');
  const redis = pick(flags.redisUrl, '--redis-url', 'REDIS_URL');
  const result: ManagedUrls = { notes };
  if (db) {
    const u = parse(db.url, db.from, ['postgres:', 'postgresql:']);
    notes.push(`postgres-secret: DATABASE_URL from ${db.from} (host ${u.host})`);
    const ssl = u.searchParams.get('sslmode');
    if (u.port === '25060' && !STRICT_SSL.has(ssl ?? ''))
      notes.push(
        `warning: ${db.from} has ${ssl ? `sslmode=${ssl}` : 'no sslmode'}: DigitalOcean managed PostgreSQL (port 25060) needs sslmode=require`,
      );
    result.databaseUrl = db.url;
  }
  if (redis) {
    const u = parse(redis.url, redis.from, ['redis:', 'rediss:']);
    notes.push(`redis-secret: REDIS_URL from ${redis.from} (host ${u.host})`);
    if (u.port === '25061' && u.protocol !== 'rediss:')
      notes.push(
        `warning: ${redis.from} uses redis://: DigitalOcean managed Redis (port 25061) accepts only TLS, use rediss://`,
      );
    result.redisUrl = redis.url;
  }
  return result;
}

/** Said when a database Secret is created with the in-cluster default. */
export const IN_CLUSTER_NOTES: Record<string, string> = {
  'postgres-secret':
    'postgres-secret: no DATABASE_URL or --database-url, so an in-cluster URL (postgres-primary:5432) with a new password, for clusters without a managed database',
  'redis-secret':
    'redis-secret: no REDIS_URL or --redis-url, so an in-cluster URL (redis-primary:6379) with a new password, for clusters without a managed Redis',
};

/** The operator-supplied settings for smtp-secret and auth-oidc; notes never hold a secret. */
export interface ProvidedSettings {
  smtpUrl?: string;
  oidcProviders?: string;
  notes: string[];
}

const OIDC_FIELDS = ['id', 'name', 'issuer', 'clientId'] as const;

/** Checks the OIDC_PROVIDERS shape the auth-service needs; the message never echoes the value. */
function checkOidcProviders(json: string, what: string): string[] {
  const shape = `${what} must be a JSON array of {id, name, issuer, clientId, clientSecret}`;
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    throw new ExitError(EXIT.USAGE, `${shape}: it is not JSON`);
  }
  if (!Array.isArray(list) || list.length === 0)
    throw new ExitError(EXIT.USAGE, `${shape}, with at least one provider`);
  const ids = list.map((p: unknown, i) => {
    const entry = (p ?? {}) as Record<string, unknown>;
    const missing = OIDC_FIELDS.filter((f) => typeof entry[f] !== 'string' || entry[f] === '');
    if (typeof p !== 'object' || missing.length > 0)
      throw new ExitError(EXIT.USAGE, `${shape}: provider ${i + 1} lacks ${missing.join(', ')}`);
    return entry.id as string;
  });
  if (new Set(ids).size !== ids.length)
    throw new ExitError(EXIT.USAGE, `${what}: each provider id may appear once`);
  return ids;
}

/**
 * SMTP_URL and OIDC_PROVIDERS for the cluster's Secrets: `--smtp-url` / `--oidc-providers`,
 * else SMTP_URL / OIDC_PROVIDERS from the environment. Unset: the Secret is left as it is.
 */
export function providedSettings(
  flags: { smtpUrl?: string; oidcProviders?: string },
  env: NodeJS.ProcessEnv,
): ProvidedSettings {
  const notes: string[] = [];
  const result: ProvidedSettings = { notes };
  const smtp = flags.smtpUrl
    ? { value: flags.smtpUrl, from: '--smtp-url' }
    : env.SMTP_URL
      ? { value: env.SMTP_URL, from: 'env SMTP_URL' }
      : undefined;
  if (smtp) {
    const u = parse(smtp.value, smtp.from, ['smtp:', 'smtps:']);
    notes.push(`smtp-secret: SMTP_URL from ${smtp.from} (host ${u.host})`);
    result.smtpUrl = smtp.value;
  }
  const oidc = flags.oidcProviders
    ? { value: flags.oidcProviders, from: '--oidc-providers' }
    : env.OIDC_PROVIDERS
      ? { value: env.OIDC_PROVIDERS, from: 'env OIDC_PROVIDERS' }
      : undefined;
  if (oidc) {
    const ids = checkOidcProviders(oidc.value, oidc.from);
    notes.push(`auth-oidc: OIDC_PROVIDERS from ${oidc.from} (providers ${ids.join(', ')})`);
    result.oidcProviders = oidc.value;
  }
  return result;
}
