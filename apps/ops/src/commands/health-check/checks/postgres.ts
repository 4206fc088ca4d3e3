import type pg from 'pg';
import type { CheckContext } from '../check-context.js';
import { oneLine, result, type CheckResult } from '../report.js';
import { fromReadiness } from './from-readiness.js';

/** Replication lag above this many seconds is a warning. */
export const PG_LAG_WARN_SECONDS = 10;

async function replicationCheck(client: pg.Client): Promise<CheckResult> {
  const recovery = await client.query<{ standby: boolean }>(
    'SELECT pg_is_in_recovery() AS standby',
  );
  if (recovery.rows[0]?.standby) {
    const r = await client.query<{ lag: number | null }>(
      'SELECT EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 AS lag',
    );
    const lag = r.rows[0]?.lag ?? null;
    if (lag === null)
      return result(
        'postgresql-replication',
        'data',
        'skip',
        'standby has not replayed a transaction yet',
      );
    return lagResult(lag, 'this standby replays');
  }
  // replay_lag is only visible to superusers and pg_monitor members; others see NULL.
  const rows = await client.query<{ name: string; lag: number | null }>(
    "SELECT COALESCE(application_name, '') AS name, EXTRACT(EPOCH FROM replay_lag)::float8 AS lag FROM pg_stat_replication",
  );
  if (rows.rows.length === 0)
    return result(
      'postgresql-replication',
      'data',
      'skip',
      'no standbys visible in pg_stat_replication',
    );
  const worst = Math.max(...rows.rows.map((r) => r.lag ?? 0));
  return lagResult(worst, `${rows.rows.length} standby(s), the furthest replays`);
}

function lagResult(lag: number, what: string): CheckResult {
  const seconds = Math.round(lag * 1000) / 1000;
  return result(
    'postgresql-replication',
    'data',
    seconds > PG_LAG_WARN_SECONDS ? 'warn' : 'pass',
    `${what} ${seconds} s behind`,
    {
      value: seconds,
      threshold: PG_LAG_WARN_SECONDS,
    },
  );
}

/**
 * PostgreSQL reachable (SELECT 1 round trip in ms) and replication lag, straight from
 * DATABASE_URL; without it, what the services' /readyz say about their database.
 */
export async function postgresChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const url = ctx.env.DATABASE_URL;
  if (!url) {
    return [
      fromReadiness('postgresql', 'database', ctx.readiness, 'DATABASE_URL'),
      result('postgresql-replication', 'data', 'skip', 'DATABASE_URL not set'),
    ];
  }
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({
    connectionString: url,
    connectionTimeoutMillis: ctx.timeoutMs,
    query_timeout: ctx.timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    const started = performance.now();
    await client.connect();
    await client.query('SELECT 1');
    const ms = Math.round(performance.now() - started);
    return [
      result('postgresql', 'data', 'pass', `connected and answered in ${ms} ms`, { value: ms }),
      await replicationCheck(client).catch((e: unknown) =>
        result('postgresql-replication', 'data', 'skip', `not visible: ${oneLine(e)}`),
      ),
    ];
  } catch (error) {
    return [
      result('postgresql', 'data', 'fail', `unreachable: ${oneLine(error)}`),
      result('postgresql-replication', 'data', 'skip', 'PostgreSQL unreachable'),
    ];
  } finally {
    await client.end().catch(() => undefined);
  }
}
