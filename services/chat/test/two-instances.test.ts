import { randomUUID } from 'node:crypto';
import {
  createRedisBus,
  createRedisLiveState,
  createRedisRateLimiter,
  migrate,
  openDatabase,
  openRedis,
  type App,
  type Bus,
  type Database,
  type Redis,
} from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import { createEmptyDatabase, createTestTokens } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, chatMigrations } from '../src/index.js';
import { caller, listen, newMeetingCode, personas, type Listener } from './harness.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

/** One chat pod: its own database pool and Redis connections, sharing the servers. */
interface Pod {
  app: App;
  bus: Bus;
  call: ReturnType<typeof caller>;
  database: Database;
  redis: Redis;
}

describe.skipIf(!postgresUrl || !redisUrl)('two chat instances on one PostgreSQL and Redis', () => {
  const tokensReady = createTestTokens();
  const prefix = `test-${randomUUID()}:`;
  const subscriptions: (() => Promise<void>)[] = [];
  let pods: [Pod, Pod];

  async function startPod(url: string): Promise<Pod> {
    const database = await openDatabase({ url });
    // Both pods migrate at start-up, as they would in a rollout; the migration lock keeps it safe.
    await migrate(database.db, 'chat', chatMigrations);
    const redis = openRedis(redisUrl ?? '');
    const bus = createRedisBus(redis);
    const app = buildApp({
      db: database.db,
      bus,
      live: createRedisLiveState(redis, prefix),
      verifier: (await tokensReady).verifier,
      rateLimiter: createRedisRateLimiter(redis, prefix),
      logLevel: false,
    });
    await app.ready();
    return { app, bus, call: caller(app), database, redis };
  }

  beforeAll(async () => {
    const url = await createEmptyDatabase(postgresUrl ?? '');
    pods = await Promise.all([startPod(url), startPod(url)]);
  });
  afterAll(async () => {
    await Promise.all(subscriptions.map((off) => off()));
    for (const pod of pods ?? []) {
      await pod.app.close();
      await pod.bus.close();
      pod.redis.disconnect();
      await pod.database.close();
    }
  });

  const join = async (code: string, name?: string) => {
    const [a] = pods;
    return personas(await tokensReady, createRedisLiveState(a.redis, prefix))(code, { name });
  };

  it('stores one message when retries of one clientId land on both instances at once', async () => {
    const code = newMeetingCode();
    const ada = await join(code);
    const body = { clientId: randomUUID(), text: 'once, across pods' };
    const url = `/api/chat/${code}/messages`;
    const results = await Promise.all(
      [0, 1, 0, 1, 0, 1].map((i) => pods[i as 0 | 1].call('POST', url, ada.token, body)),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s === 201)).toHaveLength(1);
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(new Set(results.map((r) => r.json<ChatMessage>().id)).size).toBe(1);
    for (const pod of pods) {
      const res = await pod.call('GET', url, ada.token);
      expect(res.json<{ messages: ChatMessage[] }>().messages.map((m) => m.text)).toEqual([
        'once, across pods',
      ]);
    }
  });

  it('delivers a message posted on one instance to a subscriber of the other', async () => {
    const code = newMeetingCode();
    const ada = await join(code);
    const onB: Listener = await listen(pods[1].bus, code, subscriptions);
    const res = await pods[0].call('POST', `/api/chat/${code}/messages`, ada.token, {
      clientId: randomUUID(),
      text: 'hello from pod A',
    });
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json<ChatMessage>();
    const event = await onB.waitFor(
      (e) => e.message.type === 'chat.message' && e.message.message.id === sent.id,
    );
    expect(event.audience).toBe('all');
  });

  it('shares one rate limit for a participant across instances', async () => {
    const code = newMeetingCode();
    const ada = await join(code);
    const url = `/api/chat/${code}/messages`;
    const statuses: number[] = [];
    for (let n = 0; n < 11; n++) {
      const res = await pods[(n % 2) as 0 | 1].call('POST', url, ada.token, {
        clientId: randomUUID(),
        text: `m${n}`,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
