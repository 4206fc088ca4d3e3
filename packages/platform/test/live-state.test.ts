import { describe, expect, inject, it } from 'vitest';
import {
  createMemoryLiveState,
  createRedisLiveState,
  openRedis,
  type LiveState,
} from '../src/index.js';

const redisUrl = inject('redisUrl');
const stores: [string, () => { state: LiveState; close: () => void }][] = [
  ['memory', () => ({ state: createMemoryLiveState(), close: () => undefined })],
];
if (redisUrl) {
  stores.push([
    'Redis',
    () => {
      const redis = openRedis(redisUrl);
      return {
        state: createRedisLiveState(redis, `test:${Math.random()}:`),
        close: () => redis.disconnect(),
      };
    },
  ]);
}

describe.each(stores)('%s live state', (_name, make) => {
  it('keeps hash fields, sets a field only once with hsetnx, and deletes them', async () => {
    const { state, close } = make();
    try {
      await state.hset('meeting:abc:presence', 'u1', '{"hand":false}');
      expect(await state.hsetnx('meeting:abc:presence', 'u1', 'other')).toBe(false);
      expect(await state.hsetnx('meeting:abc:presence', 'u2', '{}')).toBe(true);
      expect(await state.hgetall('meeting:abc:presence')).toEqual({
        u1: '{"hand":false}',
        u2: '{}',
      });
      expect(await state.hdel('meeting:abc:presence', 'u1')).toBe(true);
      expect(await state.hdel('meeting:abc:presence', 'u1')).toBe(false);
      expect(await state.hget('meeting:abc:presence', 'u2')).toBe('{}');
    } finally {
      close();
    }
  });

  it('expires plain keys after their ttl', async () => {
    const { state, close } = make();
    try {
      // A ttl a loaded machine cannot outrun between set and get; then wait for the expiry.
      await state.set('meeting:abc:locked', '1', 1_000);
      expect(await state.get('meeting:abc:locked')).toBe('1');
      await expect
        .poll(() => state.get('meeting:abc:locked'), { timeout: 10_000, interval: 100 })
        .toBeUndefined();
    } finally {
      close();
    }
  });
});
