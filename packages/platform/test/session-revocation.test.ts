import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import {
  createInProcessBus,
  createRedisBus,
  createSessionRevocations,
  openRedis,
  SESSION_REVOKED_KEY,
} from '../src/index.js';

const redisUrl = inject('redisUrl');

describe('session revocations', () => {
  it('reach every process on the bus, and are forgotten once the tokens have expired', async () => {
    let t = 1_000_000;
    const bus = createInProcessBus();
    const [a, b] = [
      createSessionRevocations({ bus, now: () => t }),
      createSessionRevocations({ bus, now: () => t }),
    ];
    await Promise.all([a.ready, b.ready]);
    const heard: string[] = [];
    b.onRevoked((sid) => heard.push(sid));
    await a.revoke('s1', 60_000);
    await Promise.resolve();
    expect(b.isRevoked('s1')).toBe(true);
    expect(b.isRevoked('s2')).toBe(false);
    expect(heard).toEqual(['s1']);
    t += 60_001;
    expect(a.isRevoked('s1')).toBe(false);
    expect(b.isRevoked('s1')).toBe(false);
    await bus.close();
  });

  it.skipIf(!redisUrl)(
    'are loaded from Redis by a process that starts after the logout',
    async () => {
      const redis = openRedis(redisUrl!, 'revocation-test');
      const bus = createRedisBus(redis);
      const sid = `test-${randomUUID()}`;
      try {
        const early = createSessionRevocations({ bus, redis });
        await early.ready;
        await early.revoke(sid, 60_000);
        const late = createSessionRevocations({ bus, redis });
        await late.ready;
        expect(late.isRevoked(sid)).toBe(true);
        await Promise.all([early.close(), late.close()]);
      } finally {
        await redis.zrem(SESSION_REVOKED_KEY, sid);
        await bus.close();
        redis.disconnect();
      }
    },
  );
});
