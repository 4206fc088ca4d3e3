import { randomBytes } from 'node:crypto';
import {
  generateLiveKitPair,
  generateSigningJwk,
  liveKitKeysYaml,
  parseLiveKitKeysYaml,
  randomSecret,
  type SigningJwk,
} from './generate.js';

/** Secret name → its string data (decoded), or undefined when it does not exist. */
export type ExistingSecrets = Map<string, Record<string, string> | undefined>;

/** What happens to one Secret. */
export interface SecretChange {
  name: string;
  action: 'create' | 'rotate' | 'update' | 'unchanged';
  data: Record<string, string>;
  /** Where the Secret lives when not in the command's namespace (digitalocean-dns). */
  namespace?: string;
}

/** Which Secrets a run manages. */
export interface PlanOptions {
  /** Only postgres-secret and redis-secret (the runbook's credential re-creation). */
  database: boolean;
  rotate: boolean;
  now: Date;
  /**
   * The managed PostgreSQL URL (DigitalOcean: port 25060, sslmode=require). When set,
   * postgres-secret holds it (created, or updated when it differs); otherwise a new password
   * and the in-cluster `postgres-primary:5432` URL are generated, for clusters without a
   * managed database.
   */
  databaseUrl?: string;
  /** The managed Redis URL (DigitalOcean: rediss://…:25061); as databaseUrl, for redis-secret. */
  redisUrl?: string;
  /** SMTP_URL for smtp-secret (account mail, invitations); unset: smtp-secret is left as it is. */
  smtpUrl?: string;
  /** OIDC_PROVIDERS (JSON, with client secrets) for auth-oidc; unset: auth-oidc is left as it is. */
  oidcProviders?: string;
}

/** Every Secret setup-secrets manages, in apply order. */
export const SECRET_NAMES = [
  'auth-jwt-keys',
  'turn-secret',
  'livekit-keys',
  'postgres-secret',
  'redis-secret',
  'backup-encryption-key',
] as const;
/**
 * Secrets only the operator can supply (never generated): written when their value is given
 * (flag or environment), kept when it is not, and absent until then. The manifests read them
 * with `optional: true`, so a cluster without them runs without mail or single sign-on.
 */
export const PROVIDED_SECRETS = {
  'smtp-secret': 'SMTP_URL',
  'auth-oidc': 'OIDC_PROVIDERS',
} as const;
export type ProvidedSecret = keyof typeof PROVIDED_SECRETS;
const DATABASE_SECRETS = new Set(['postgres-secret', 'redis-secret']);
/** Secrets --rotate replaces (with an overlap); the others keep their values. */
const ROTATABLE = new Set(['auth-jwt-keys', 'livekit-keys']);

const NODE_SERVICES = ['auth-service', 'meeting-service', 'signaling-service', 'chat-service'];

/** Deployments that read each Secret and need a rollout restart after it rotates or changes. */
export const READERS: Record<string, string[]> = {
  'livekit-keys': ['livekit-sfu', 'meeting-service', 'signaling-service', 'recorder'],
  'auth-jwt-keys': NODE_SERVICES,
  'postgres-secret': NODE_SERVICES,
  'redis-secret': ['livekit-sfu', ...NODE_SERVICES],
  'smtp-secret': ['auth-service', 'meeting-service'],
  'auth-oidc': ['auth-service'],
};

async function freshValues(name: string, now: Date): Promise<Record<string, string>> {
  switch (name) {
    case 'auth-jwt-keys':
      return { JWT_SIGNING_KEYS: JSON.stringify([await generateSigningJwk(now)]) };
    case 'turn-secret':
      return { TURN_SECRET: randomSecret() };
    case 'livekit-keys': {
      const pair = generateLiveKitPair();
      return {
        LIVEKIT_API_KEY: pair.key,
        LIVEKIT_API_SECRET: pair.secret,
        'keys.yaml': liveKitKeysYaml([pair]),
      };
    }
    case 'postgres-secret': {
      const password = randomSecret(24);
      // Namespace-relative host: the URL is valid in whichever namespace the pods run.
      const url = `postgres://gomeet:${password}@postgres-primary:5432/gomeet`;
      return {
        POSTGRES_USER: 'gomeet',
        POSTGRES_PASSWORD: password,
        POSTGRES_DB: 'gomeet',
        DATABASE_URL: url,
      };
    }
    case 'redis-secret': {
      const password = randomSecret(24);
      return { REDIS_PASSWORD: password, REDIS_URL: `redis://:${password}@redis-primary:6379` };
    }
    default:
      return { BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  }
}

/** The new signer first, the previous signer kept verify-only, anything older dropped. */
async function rotatedJwt(old: Record<string, string>, now: Date): Promise<Record<string, string>> {
  let previous: SigningJwk[] = [];
  try {
    previous = JSON.parse(old.JWT_SIGNING_KEYS ?? '[]') as SigningJwk[];
  } catch {
    previous = [];
  }
  const keys = [await generateSigningJwk(now), ...previous.slice(0, 1)];
  return { ...old, JWT_SIGNING_KEYS: JSON.stringify(keys) };
}

/** The new pair becomes LIVEKIT_API_KEY; the previous one stays accepted in keys.yaml. */
function rotatedLiveKit(old: Record<string, string>): Record<string, string> {
  const pair = generateLiveKitPair();
  const previous =
    old.LIVEKIT_API_KEY && old.LIVEKIT_API_SECRET
      ? [{ key: old.LIVEKIT_API_KEY, secret: old.LIVEKIT_API_SECRET }]
      : parseLiveKitKeysYaml(old['keys.yaml'] ?? '').slice(0, 1);
  return {
    ...old,
    LIVEKIT_API_KEY: pair.key,
    LIVEKIT_API_SECRET: pair.secret,
    'keys.yaml': liveKitKeysYaml([pair, ...previous]),
  };
}

/** postgres-secret's keys from a PostgreSQL URL (user, password and database from the URL). */
export function postgresData(url: string): Record<string, string> {
  const u = new URL(url);
  return {
    POSTGRES_USER: decodeURIComponent(u.username),
    POSTGRES_PASSWORD: decodeURIComponent(u.password),
    POSTGRES_DB: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    DATABASE_URL: url,
  };
}

/** redis-secret's keys from a Redis URL. */
export function redisData(url: string): Record<string, string> {
  return { REDIS_PASSWORD: decodeURIComponent(new URL(url).password), REDIS_URL: url };
}

function given(name: string, options: PlanOptions): Record<string, string> | undefined {
  if (name === 'postgres-secret' && options.databaseUrl) return postgresData(options.databaseUrl);
  if (name === 'redis-secret' && options.redisUrl) return redisData(options.redisUrl);
  if (name === 'smtp-secret' && options.smtpUrl) return { SMTP_URL: options.smtpUrl };
  if (name === 'auth-oidc' && options.oidcProviders)
    return { OIDC_PROVIDERS: options.oidcProviders };
  return undefined;
}

const sameData = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(b).every((k) => a[k] === b[k]);

/** Decides, per Secret, whether to create, rotate or keep it, with the data to write. */
export async function planSecrets(
  existing: ExistingSecrets,
  options: PlanOptions,
): Promise<SecretChange[]> {
  const names = [
    ...SECRET_NAMES.filter((n) => !options.database || DATABASE_SECRETS.has(n)),
    ...(options.database ? [] : (Object.keys(PROVIDED_SECRETS) as ProvidedSecret[])),
  ];
  const provided = new Set<string>(Object.keys(PROVIDED_SECRETS));
  const changes: SecretChange[] = [];
  for (const name of names) {
    const old = existing.get(name);
    const managed = given(name, options);
    if (!managed && !old && provided.has(name)) continue;
    if (managed) {
      if (!old) changes.push({ name, action: 'create', data: managed });
      else if (sameData(old, managed)) changes.push({ name, action: 'unchanged', data: old });
      else changes.push({ name, action: 'update', data: { ...old, ...managed } });
    } else if (!old) {
      changes.push({ name, action: 'create', data: await freshValues(name, options.now) });
    } else if (options.rotate && ROTATABLE.has(name)) {
      const data =
        name === 'auth-jwt-keys' ? await rotatedJwt(old, options.now) : rotatedLiveKit(old);
      changes.push({ name, action: 'rotate', data });
    } else {
      changes.push({ name, action: 'unchanged', data: old });
    }
  }
  return changes;
}
