import { sql } from 'kysely';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { describe, expect, inject, it } from 'vitest';
import {
  createInProcessBus,
  createMemoryRateLimiter,
  createRedisBus,
  createRedisRateLimiter,
  openRedis,
  type Bus,
  type RateLimiter,
} from '../src/index.js';

const redisUrl = inject('redisUrl');

function nextMessage(bus: Bus, topic: string): Promise<unknown> {
  return new Promise((resolve) => {
    void bus.subscribe(topic, (m) => resolve(m));
  });
}

describe('in-process bus', () => {
  it('delivers a published message to every subscriber of the topic only', async () => {
    const bus = createInProcessBus();
    const a = nextMessage(bus, 'meeting:a');
    const seenB: unknown[] = [];
    await bus.subscribe('meeting:b', (m) => seenB.push(m));
    await bus.publish('meeting:a', { type: 'chat', text: 'hi' });
    expect(await a).toEqual({ type: 'chat', text: 'hi' });
    expect(seenB).toEqual([]);
  });
});

describe.skipIf(!redisUrl)('Redis bus', () => {
  it('carries a message between two instances over a real Redis', async () => {
    const r1 = openRedis(redisUrl!);
    const r2 = openRedis(redisUrl!);
    const busA = createRedisBus(r1);
    const busB = createRedisBus(r2);
    try {
      let deliver!: (message: unknown) => void;
      const received = new Promise((resolve) => (deliver = resolve));
      // subscribe() resolves once Redis has acknowledged SUBSCRIBE: no guessed sleep needed.
      await busB.subscribe('meeting:x', (m) => deliver(m));
      await busA.publish('meeting:x', { n: 1 });
      expect(await received).toEqual({ n: 1 });
    } finally {
      await busA.close();
      await busB.close();
      r1.disconnect();
      r2.disconnect();
    }
  });
});

const limiters: [string, () => { limiter: RateLimiter; close: () => void }][] = [
  ['memory', () => ({ limiter: createMemoryRateLimiter(), close: () => undefined })],
];
if (redisUrl) {
  limiters.push([
    'Redis',
    () => {
      const redis = openRedis(redisUrl);
      return {
        limiter: createRedisRateLimiter(redis, `test:${Math.random()}:`),
        close: () => redis.disconnect(),
      };
    },
  ]);
}

describe.each(limiters)('%s rate limiter', (_name, make) => {
  it('allows the limit, refuses the next, and says when the window resets', async () => {
    const { limiter, close } = make();
    try {
      const results = [];
      for (let i = 0; i < 4; i++)
        results.push(await limiter.hit('login:a@example.test', 3, 60_000));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
      expect(results[3]!.resetMs).toBeGreaterThan(0);
      expect(results[3]!.resetMs).toBeLessThanOrEqual(60_000);
    } finally {
      close();
    }
  });
});

describe.each(limiters)('%s token bucket', (_name, make) => {
  it('gives the burst, refuses with the wait for the next token, then blocks', async () => {
    const { limiter, close } = make();
    const bucket = { burst: 3, perMinute: 60, blockAfterRefusals: 2, windowMs: 60_000 };
    try {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await limiter.take('guest:10.0.0.1', bucket));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false, false]);
      expect(results[3]!.waitMs).toBeGreaterThan(0);
      expect(results[3]!.waitMs).toBeLessThanOrEqual(1000);
      expect(results.map((r) => r.refusals)).toEqual([0, 0, 0, 1, 2, 3]);
      expect(results[4]!.blockedMs).toBe(0);
      expect(results[5]!.blockedMs).toBeGreaterThan(50_000);
      expect((await limiter.take('guest:10.0.0.2', bucket)).allowed).toBe(true);
    } finally {
      close();
    }
  });

  it('peeks at a window without counting', async () => {
    const { limiter, close } = make();
    try {
      await limiter.hit('failures:a', 2, 60_000);
      expect((await limiter.peek('failures:a', 2)).allowed).toBe(true);
      await limiter.hit('failures:a', 2, 60_000);
      expect((await limiter.peek('failures:a', 2)).allowed).toBe(false);
      expect((await limiter.peek('failures:b', 2)).allowed).toBe(true);
    } finally {
      close();
    }
  });
});

describeBackends('database on $name', (backend) => {
  it('rolls back a failed transaction and keeps concurrent queries apart', async () => {
    const { db, close } = await backend.open();
    try {
      await sql`create table t (id int primary key)`.execute(db);
      await expect(
        db.transaction().execute(async (trx) => {
          await sql`insert into t values (1)`.execute(trx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await Promise.all([1, 2, 3].map((i) => sql`insert into t values (${i})`.execute(db)));
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from t`.execute(db);
      expect(rows[0]!.n).toBe(3);
    } finally {
      await close();
    }
  });
});
