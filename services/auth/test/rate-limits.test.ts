import { createRedisRateLimiter, openRedis, type App, type RateLimiter } from '@gomeet/platform';
import { databaseBackends } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/index.js';
import {
  expectProblem,
  newEmail,
  register,
  startAuth,
  TURN_SECRET,
  type TestAuth,
} from './support.js';

const redisUrl = inject('redisUrl');
// Rate limiting does not depend on the database kind; the embedded one is enough here.
const pglite = databaseBackends(null)[0]!;

function limitedSuite(
  name: string,
  makeLimiter: () => Promise<{ limiter?: RateLimiter; close: () => Promise<void> }>,
) {
  describe(name, () => {
    let auth: TestAuth;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const { limiter, close } = await makeLimiter();
      cleanup = close;
      auth = await startAuth(pglite, {
        ...(limiter ? { rateLimiter: limiter } : {}),
        limits: {
          loginPerAccount: 3,
          loginPerAccountAddress: 2,
          loginFailuresPerAddress: 5,
          guestPassesPerAddress: 5,
          guestRefusalsBeforeBlock: 4,
        },
      });
    });
    afterAll(async () => {
      await auth?.close();
      await cleanup?.();
    });

    const login = (email: string, password: string, ip: string) =>
      auth.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
        remoteAddress: ip,
      });

    it('refuses a fourth login attempt on one account within the window, with Retry-After', async () => {
      const email = newEmail();
      for (const [i, ip] of ['10.0.0.1', '10.0.0.2', '10.0.0.3'].entries()) {
        expectProblem(await login(email, `wrong password ${i}`, ip), 401, 'invalid-credentials');
      }
      const blocked = await login(email, 'wrong password 4', '10.0.0.4');
      expect(expectProblem(blocked, 429, 'too-many-attempts').detail).toMatch(/Too many attempts/);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('refuses a third attempt on one account from one address', async () => {
      const email = newEmail();
      expectProblem(await login(email, 'wrong 1', '10.0.3.1'), 401, 'invalid-credentials');
      expectProblem(await login(email, 'wrong 2', '10.0.3.1'), 401, 'invalid-credentials');
      expectProblem(await login(email, 'wrong 3', '10.0.3.1'), 429, 'too-many-attempts');
    });

    it('lets many correct sign-ins through from one address, but not many failures', async () => {
      const people = [];
      for (let i = 0; i < 8; i++) people.push(await register(auth.app));
      for (const { user, password } of people) {
        expect((await login(user.email, password, '10.0.4.1')).statusCode).toBe(200);
      }
      for (let i = 0; i < 5; i++) {
        expectProblem(await login(newEmail(), 'wrong', '10.0.4.1'), 401, 'invalid-credentials');
      }
      const afterFailures = await login(people[0]!.user.email, people[0]!.password, '10.0.4.1');
      expectProblem(afterFailures, 429, 'too-many-attempts');
    });

    it('gives a guest pass burst, then slows down with Retry-After in seconds, then blocks', async () => {
      const guest = () =>
        auth.app.inject({
          method: 'POST',
          url: '/api/auth/guest',
          payload: { meetingCode: 'abc-defg-hij', displayName: 'Gus' },
          remoteAddress: '10.0.5.1',
        });
      for (let i = 0; i < 5; i++) expect((await guest()).statusCode).toBe(200);
      const slowed = await guest();
      expectProblem(slowed, 429, 'slow-down');
      const retryAfter = Number(slowed.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(5);
      for (let i = 0; i < 3; i++) expectProblem(await guest(), 429, 'slow-down');
      const blocked = await guest();
      expectProblem(blocked, 429, 'too-many-attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(5);
      const metrics = await auth.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/gomeet_rate_limited_total\{scope="guest-address"\} 5/);
    });

    it('refuses a sixth failed login from one IP, across accounts', async () => {
      for (let i = 0; i < 5; i++) {
        expectProblem(
          await login(newEmail(), 'some password', '10.0.1.1'),
          401,
          'invalid-credentials',
        );
      }
      const blocked = await login(newEmail(), 'some password', '10.0.1.1');
      expectProblem(blocked, 429, 'too-many-attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expectProblem(
        await login(newEmail(), 'some password', '10.0.1.2'),
        401,
        'invalid-credentials',
      );
    });

    it('backs off an account gradually: past the burst, Retry-After is one refill, not the window', async () => {
      const email = newEmail();
      for (const ip of ['10.0.8.1', '10.0.8.2', '10.0.8.3']) {
        expectProblem(await login(email, 'wrong', ip), 401, 'invalid-credentials');
      }
      const slowed = await login(email, 'wrong', '10.0.8.4');
      expectProblem(slowed, 429, 'too-many-attempts');
      // 3 attempts a minute: the next one is free within 20 s, not at the end of the minute.
      expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(20);
      const metrics = await auth.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/gomeet_rate_limited_total\{scope="login-account"\} [1-9]/);
    });

    it('lets the owner in from an address that signed in before while strangers lock the account', async () => {
      const { user, password } = await register(auth.app);
      expect((await login(user.email, password, '10.0.7.1')).statusCode).toBe(200);
      for (const ip of ['10.0.7.2', '10.0.7.3', '10.0.7.4']) {
        expectProblem(await login(user.email, 'guess', ip), 401, 'invalid-credentials');
      }
      expectProblem(await login(user.email, 'guess', '10.0.7.5'), 429, 'too-many-attempts');
      // A new address of the owner waits like everyone else; the known one goes through.
      expectProblem(await login(user.email, password, '10.0.7.6'), 429, 'too-many-attempts');
      expect((await login(user.email, password, '10.0.7.1')).statusCode).toBe(200);
      // ...but is still limited per account and address (2 here).
      for (const ip of ['10.0.7.2', '10.0.7.3', '10.0.7.4']) {
        await login(user.email, 'guess', ip);
      }
      expectProblem(await login(user.email, 'typo 1', '10.0.7.1'), 401, 'invalid-credentials');
      expectProblem(await login(user.email, 'typo 2', '10.0.7.1'), 401, 'invalid-credentials');
      expectProblem(await login(user.email, password, '10.0.7.1'), 429, 'too-many-attempts');
    });

    it('forgets an account’s failed attempts after a successful login', async () => {
      const { user, password } = await register(auth.app);
      await login(user.email, 'wrong password', '10.0.2.1');
      await login(user.email, 'wrong password', '10.0.2.2');
      expect((await login(user.email, password, '10.0.2.3')).statusCode).toBe(200);
      await login(user.email, 'wrong password', '10.0.2.4');
      expect((await login(user.email, password, '10.0.2.5')).statusCode).toBe(200);
    });
  });
}

describe('client addresses behind proxies (TRUST_PROXY)', () => {
  const limits = { loginPerAccount: 100, loginPerAccountAddress: 100, loginFailuresPerAddress: 3 };
  const fail = (app: App, remoteAddress: string, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: newEmail(), password: 'wrong password' },
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('ignores X-Forwarded-For by default: forging it does not walk around the per-address limit', async () => {
    const auth = await startAuth(pglite, { limits });
    try {
      for (let i = 1; i <= 3; i++) {
        expectProblem(
          await fail(auth.app, '10.1.0.1', `203.0.113.${i}`),
          401,
          'invalid-credentials',
        );
      }
      expectProblem(await fail(auth.app, '10.1.0.1', '203.0.113.99'), 429, 'too-many-attempts');
    } finally {
      await auth.close();
    }
  });

  it('honours X-Forwarded-For from the trusted proxy only', async () => {
    const auth = await startAuth(pglite, { limits, trustProxy: ['10.110.0.0/20'] });
    try {
      // Through the ingress (10.110.0.7): each forwarded client has its own count.
      for (let i = 1; i <= 3; i++) {
        expectProblem(
          await fail(auth.app, '10.110.0.7', '198.51.100.1'),
          401,
          'invalid-credentials',
        );
      }
      expectProblem(await fail(auth.app, '10.110.0.7', '198.51.100.1'), 429, 'too-many-attempts');
      expectProblem(await fail(auth.app, '10.110.0.7', '198.51.100.2'), 401, 'invalid-credentials');
      // A client outside the proxy network forging the header is counted by its own address.
      for (let i = 1; i <= 3; i++) {
        expectProblem(
          await fail(auth.app, '10.244.3.3', `203.0.113.${i}`),
          401,
          'invalid-credentials',
        );
      }
      expectProblem(await fail(auth.app, '10.244.3.3', '203.0.113.50'), 429, 'too-many-attempts');
    } finally {
      await auth.close();
    }
  });
});

limitedSuite('login rate limits in memory', () =>
  Promise.resolve({ close: () => Promise.resolve() }),
);

describe.skipIf(!redisUrl)('login rate limits in Redis', () => {
  limitedSuite('shared by every pod', async () => {
    const redis = openRedis(redisUrl!, 'auth-test');
    // A prefix of its own, so this run never shares counters with another.
    const limiter = createRedisRateLimiter(redis, `test:${Date.now()}:${Math.random()}:`);
    return { limiter, close: async () => void redis.disconnect() };
  });

  it('shares the count between pods, and keeps emails out of Redis', async () => {
    const prefix = `test:${Date.now()}:${Math.random()}:`;
    const limits = { loginPerAccount: 2 };
    const redisA = openRedis(redisUrl!, 'auth-test-a');
    const redisB = openRedis(redisUrl!, 'auth-test-b');
    const podA = await startAuth(pglite, {
      rateLimiter: createRedisRateLimiter(redisA, prefix),
      limits,
    });
    const podB = await buildApp({
      db: podA.database.db,
      rateLimiter: createRedisRateLimiter(redisB, prefix),
      turn: { secret: TURN_SECRET, urls: [], ttlSeconds: 60 },
      limits,
      logLevel: false,
    });
    try {
      const email = newEmail();
      const attempt = (pod: App) =>
        pod.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: 'wrong password' },
        });
      expectProblem(await attempt(podA.app), 401, 'invalid-credentials');
      expectProblem(await attempt(podA.app), 401, 'invalid-credentials');
      expectProblem(await attempt(podB), 429, 'too-many-attempts');
      const keys = await redisA.keys(`${prefix}*`);
      // per account (its bucket and its refusals), per account and address, failures per address
      expect(keys.length).toBe(4);
      expect(keys.join(' ')).not.toContain(email);
    } finally {
      await podB.close();
      await podA.close();
      redisA.disconnect();
      redisB.disconnect();
    }
  });
});
