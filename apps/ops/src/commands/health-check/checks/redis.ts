import type { CheckContext } from '../check-context.js';
import { oneLine, result, type CheckResult } from '../report.js';
import { fromReadiness } from './from-readiness.js';

/** A replica more than this many bytes behind its primary is a warning. */
export const REDIS_LAG_WARN_BYTES = 10 * 1024 * 1024;

/** Parses INFO output into key → value. */
export function parseInfo(info: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) map.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return map;
}

/** Replication state from INFO replication: replica link, or the furthest replica's lag in bytes. */
export function replicationResult(info: Map<string, string>): CheckResult {
  if (info.get('role') === 'slave') {
    const up = info.get('master_link_status') === 'up';
    return result(
      'redis-replication',
      'data',
      up ? 'pass' : 'fail',
      `replica, link to primary ${up ? 'up' : 'down'}`,
      {
        value: info.get('master_link_status') ?? null,
        threshold: 'up',
      },
    );
  }
  const replicas = Number(info.get('connected_slaves') ?? 0);
  if (replicas === 0) return result('redis-replication', 'data', 'skip', 'no replicas connected');
  const primary = Number(info.get('master_repl_offset') ?? 0);
  let worst = 0;
  for (let i = 0; i < replicas; i++) {
    const offset = /offset=(\d+)/.exec(info.get(`slave${i}`) ?? '')?.[1];
    if (offset !== undefined) worst = Math.max(worst, primary - Number(offset));
  }
  return result(
    'redis-replication',
    'data',
    worst > REDIS_LAG_WARN_BYTES ? 'warn' : 'pass',
    `${replicas} replica(s), the furthest ${worst} bytes behind`,
    {
      value: worst,
      threshold: REDIS_LAG_WARN_BYTES,
    },
  );
}

/** Redis reachable (PING round trip in ms) and its replication, from REDIS_URL; else from /readyz. */
export async function redisChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const url = ctx.env.REDIS_URL;
  if (!url) {
    return [
      fromReadiness('redis', 'redis', ctx.readiness, 'REDIS_URL'),
      result('redis-replication', 'data', 'skip', 'REDIS_URL not set'),
    ];
  }
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: ctx.timeoutMs,
    commandTimeout: ctx.timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    const started = performance.now();
    await client.connect();
    await client.ping();
    const ms = Math.round(performance.now() - started);
    const info = parseInfo(await client.info('replication'));
    return [
      result('redis', 'data', 'pass', `connected and answered PING in ${ms} ms`, { value: ms }),
      replicationResult(info),
    ];
  } catch (error) {
    return [
      result('redis', 'data', 'fail', `unreachable: ${oneLine(error)}`),
      result('redis-replication', 'data', 'skip', 'Redis unreachable'),
    ];
  } finally {
    client.disconnect();
  }
}
