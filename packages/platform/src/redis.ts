import { Redis } from 'ioredis';

/** Opens an ioredis client that fails fast instead of queueing commands while Redis is down. */
export function openRedis(url: string, name = 'gomeet'): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
}

export type { Redis };
