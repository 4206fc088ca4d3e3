import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '@gomeet/platform';
import pg from 'pg';

/** One way of running the database: a real PostgreSQL server, or embedded PGlite. */
export interface DatabaseBackend {
  name: 'postgres' | 'pglite';
  /** Opens a fresh, empty database of this kind. */
  open(): Promise<Database>;
}

/** A new empty database on the given server; returns its URL. */
export async function createEmptyDatabase(serverUrl: string): Promise<string> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The backends a suite runs against: PostgreSQL when the server is up (always in CI), and
 * PGlite in memory, which proves the embedded default.
 */
export function databaseBackends(postgresUrl: string | null): DatabaseBackend[] {
  const backends: DatabaseBackend[] = [];
  if (postgresUrl) {
    backends.push({
      name: 'postgres',
      open: async () => openDatabase({ url: await createEmptyDatabase(postgresUrl) }),
    });
  }
  backends.push({ name: 'pglite', open: () => openDatabase({ dataDir: 'memory://' }) });
  return backends;
}
