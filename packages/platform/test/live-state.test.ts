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
      await state.set('meeting:abc:locked', '1', 50);
      expect(await state.get('meeting:abc:locked')).toBe('1');
      await new Promise((r) => setTimeout(r, 80));
      expect(await state.get('meeting:abc:locked')).toBeUndefined();
    } finally {
      close();
    }
  });
});
