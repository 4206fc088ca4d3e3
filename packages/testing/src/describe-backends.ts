import { describe, inject } from 'vitest';
import { databaseBackends, type DatabaseBackend } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    redisUrl: string | null;
    /** Why a server is missing (outside CI only), for the names of the suites it skips. */
    unavailable: { postgres?: string; redis?: string };
  }
}

/** Which backends a suite runs on; both unless it says otherwise. */
export interface DescribeBackendsOptions {
  only?: DatabaseBackend['name'];
  /** The suite needs the Redis server too: skipped (named so) without it. */
  redis?: boolean;
}

/**
 * `describe(title, body)` once per database backend, `$name` in the title naming it. Without a
 * PostgreSQL server (outside CI; with CI=true the global setup fails instead) its suite is
 * still registered, skipped, with the reason in its name — so the summary counts and names
 * it rather than the tests vanishing. `@gomeet/testing/describe-backends`: vitest only.
 */
export function describeBackends(
  title: string,
  body: (backend: DatabaseBackend) => void,
  options: DescribeBackendsOptions = {},
): void {
  const available = databaseBackends(inject('postgresUrl'));
  const missing = inject('unavailable');
  const redisMissing = options.redis === true && !inject('redisUrl');
  const names: DatabaseBackend['name'][] = options.only ? [options.only] : ['postgres', 'pglite'];
  for (const name of names) {
    const backend = available.find((b) => b.name === name);
    const why = !backend
      ? (missing.postgres ?? 'no PostgreSQL server')
      : redisMissing
        ? (missing.redis ?? 'no Redis server')
        : undefined;
    const label = why === undefined ? name : `${name} (skipped: ${why})`;
    // A skipped suite still needs a backend to register its tests with; it never opens.
    const runOn: DatabaseBackend = backend ?? {
      name,
      open: () => Promise.reject(new Error(`${name} is unavailable (${why})`)),
    };
    describe.skipIf(why !== undefined)(title.replaceAll('$name', label), () => body(runOn));
  }
}
