import { open } from 'node:fs/promises';
import pg from 'pg';
import { EXIT, ExitError } from '../../cli/exit.js';
import { safeUrl } from '@gomeet/platform/helpers';
import { findTool, runTool } from './run-tool.js';

/** The URL without its password, and an env carrying it as PGPASSWORD (kept out of argv). */
function connection(
  url: string,
  env: NodeJS.ProcessEnv,
): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** How many user tables the database holds; ExitError(3) when it cannot be reached. */
export async function countTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new ExitError(
      EXIT.UNREACHABLE,
      `PostgreSQL at ${safeUrl(url)} unreachable (${(error as Error).message})`,
    );
  }
  try {
    const result = await client.query<{ n: string }>(
      `select count(*) as n from pg_catalog.pg_tables
       where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** pg_dump in custom format (compressed, restorable table by table) into `file`. */
export async function dumpPostgres(
  url: string,
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const c = connection(url, env);
  await runTool(
    findTool('pg_dump', env),
    ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${c.dbname}`],
    c.env,
  );
}

/** True when `file` is a pg_dump custom-format archive (else it is treated as plain SQL). */
export async function isCustomDump(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP';
  } finally {
    await handle.close();
  }
}

/**
 * Restores a custom-format dump (pg_restore) or a plain SQL file (psql), in one
 * transaction, stopping at the first error, so a failed restore leaves nothing behind.
 * `clean` drops the dump's objects first (used with --force on a non-empty database).
 */
export async function restorePostgres(
  url: string,
  file: string,
  options: { clean: boolean; env: NodeJS.ProcessEnv },
): Promise<void> {
  const c = connection(url, options.env);
  if (await isCustomDump(file)) {
    const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'];
    if (options.clean) args.push('--clean', '--if-exists');
    await runTool(findTool('pg_restore', c.env), [...args, `--dbname=${c.dbname}`, file], c.env);
    return;
  }
  await runTool(
    findTool('psql', c.env),
    [
      '--no-psqlrc',
      '--quiet',
      '-v',
      'ON_ERROR_STOP=1',
      '--single-transaction',
      '--dbname',
      c.dbname,
      '--file',
      file,
    ],
    c.env,
  );
}
