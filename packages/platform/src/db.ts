import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { secureDataDir } from './data-dir.js';
import { PGliteDialect } from './pglite-dialect.js';

/** A Kysely handle plus what it runs on. */
export interface Database<DB = unknown> {
  db: Kysely<DB>;
  /** "postgres" for a server reached by DATABASE_URL, "pglite" for the embedded default. */
  kind: 'postgres' | 'pglite';
  /** Resolves when a trivial query succeeds; rejects otherwise (readiness). */
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

/** Where the database lives: a server URL, or a folder for embedded PGlite. */
export interface DatabaseOptions {
  url?: string | undefined;
  dataDir?: string;
  /** Pool size for a server database. */
  maxConnections?: number;
}

// Bigint columns (count(*), ids) come back as numbers; our counts stay well under 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Opens PostgreSQL when `url` is set, else embedded PGlite under `dataDir/pglite`
 * (`memory://` keeps it in memory, for tests).
 */
export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 20 });
    // A connection dropped by a PostgreSQL restart emits 'error' (on the pool when idle, on the
    // client when checked out); unhandled it would crash the process. Its query, if any, fails
    // on its own (a 503), and the pool opens a new connection for the next one.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = options.dataDir ?? './.data';
  let pglite;
  if (dir === 'memory://') {
    pglite = new PGlite();
  } else {
    const target = path.resolve(dir, 'pglite');
    await mkdir(target, { recursive: true, mode: 0o700 });
    await secureDataDir(path.resolve(dir));
    pglite = new PGlite(target);
    // Its files hold the token-signing key: private from the first write (later ones sit in a 0700 folder).
    await pglite.waitReady;
    await secureDataDir(path.resolve(dir));
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await sql`select 1`.execute(db)),
    close: () => db.destroy(),
  };
}

/**
 * Runs a service's forward-only migrations, recorded in its own table so services sharing one
 * database (the all-in-one server) never step on each other. Throws if any migration fails.
 */
export async function migrate(
  db: Kysely<unknown>,
  service: string,
  migrations: Record<string, Migration>,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: `${service}_migrations`,
    migrationLockTableName: `${service}_migrations_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} of ${service} failed`, {
      cause: error,
    });
  }
}
