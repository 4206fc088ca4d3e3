import { Redis } from 'ioredis';

/**
 * Opens an ioredis client that fails fast instead of queueing commands while Redis is down.
 * Connection errors go to `onError` (default: ignored — ioredis reconnects by itself, and
 * `/readyz` reports Redis as failing meanwhile) instead of crashing as unhandled events.
 */
export function openRedis(
  url: string,
  name = 'gomeet',
  onError: (error: Error) => void = () => undefined,
): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
  redis.on('error', onError);
  return redis;
}

export type { Redis };
