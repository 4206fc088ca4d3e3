import type { CoreV1Api } from '@kubernetes/client-node';
import { EXIT, ExitError } from '../../cli/exit.js';
import type { ConfigKube } from './kubernetes-config.js';

/** Where the data lives for this run. */
export interface DataSources {
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Set on a cluster target: the namespace's configuration is backed up / restored too. */
  kube: ConfigKube | undefined;
  notes: string[];
}

/** What resolving the sources needs. */
export interface SourceOptions {
  target: 'cluster' | 'local';
  namespace: string;
  env: NodeJS.ProcessEnv;
  databaseUrl?: string;
  redisUrl?: string;
  kube: () => Promise<ConfigKube & { core: Pick<CoreV1Api, 'readNamespacedSecret'> }>;
}

const LOCAL_NO_DATABASE =
  'DATABASE_URL is not set: the local stack is using its embedded PGlite database under .data/, which pg_dump cannot read; start PostgreSQL and set DATABASE_URL (stop the server and copy .data/ to keep a PGlite copy)';

async function secretValue(
  core: Pick<CoreV1Api, 'readNamespacedSecret'>,
  namespace: string,
  name: string,
  key: string,
): Promise<string | undefined> {
  try {
    const secret = await core.readNamespacedSecret({ name, namespace });
    const value = secret.data?.[key];
    return value ? Buffer.from(value, 'base64').toString('utf8') : undefined;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

/**
 * Local target: DATABASE_URL (required) and REDIS_URL (optional) from the environment.
 * Cluster target: DATABASE_URL / REDIS_URL from Secrets postgres-secret / redis-secret of
 * the namespace, unless --database-url / --redis-url point elsewhere (a port-forward).
 */
export async function resolveSources(options: SourceOptions): Promise<DataSources> {
  const notes: string[] = [];
  if (options.target === 'local') {
    const databaseUrl = options.databaseUrl ?? options.env.DATABASE_URL;
    if (!databaseUrl) throw new ExitError(EXIT.UNREACHABLE, LOCAL_NO_DATABASE);
    const redisUrl = options.redisUrl ?? options.env.REDIS_URL;
    if (!redisUrl) notes.push('REDIS_URL is not set: the local stack keeps no Redis data, skipped');
    notes.push('Kubernetes configuration skipped: local target');
    return { databaseUrl, redisUrl, kube: undefined, notes };
  }
  const kube = await options.kube();
  const ns = options.namespace;
  const databaseUrl =
    options.databaseUrl ?? (await secretValue(kube.core, ns, 'postgres-secret', 'DATABASE_URL'));
  if (!databaseUrl) {
    throw new ExitError(
      EXIT.FAILED,
      `Secret postgres-secret (key DATABASE_URL) not found in namespace ${ns}: run setup-secrets.sh --database`,
    );
  }
  const redisUrl =
    options.redisUrl ?? (await secretValue(kube.core, ns, 'redis-secret', 'REDIS_URL'));
  if (!redisUrl) notes.push(`Secret redis-secret not found in namespace ${ns}: Redis skipped`);
  return { databaseUrl, redisUrl, kube, notes };
}
