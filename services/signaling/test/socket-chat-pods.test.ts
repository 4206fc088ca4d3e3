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
import { createEmptyDatabase, createTestTokens } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// The cross-check needs the real chat-service; only this test reaches into another service.
import { buildApp as buildChatApp, chatMigrations } from '../../chat/src/index.js';
import {
  joinAs,
  meetingCode,
  startInstance,
  type Cluster,
  type Instance,
} from './socket-harness.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

describe.runIf(postgresUrl && redisUrl)(
  'chat through two chat pods reaches sockets on two signaling pods',
  () => {
    const redisClients: Redis[] = [];
    const buses: Bus[] = [];
    const databases: Database[] = [];
    const chats: App[] = [];
    const signaling: Instance[] = [];
    let cluster: Cluster;

    const redis = () => {
      const r = openRedis(redisUrl as string, 'signaling-chat-test');
      redisClients.push(r);
      return r;
    };
    const bus = () => {
      const b = createRedisBus(redis());
      buses.push(b);
      return b;
    };

    beforeAll(async () => {
      const shared = redis();
      cluster = {
        bus: bus(),
        live: createRedisLiveState(shared),
        rateLimiter: createRedisRateLimiter(shared, `ratelimit:${randomUUID()}:`),
        tokens: await createTestTokens(),
      };
      const url = await createEmptyDatabase(postgresUrl as string);
      for (let i = 0; i < 2; i++) {
        const database = await openDatabase({ url });
        databases.push(database);
        await migrate(database.db, 'chat', chatMigrations);
        const r = redis();
        const app = buildChatApp({
          db: database.db,
          bus: bus(),
          live: createRedisLiveState(r),
          rateLimiter: createRedisRateLimiter(r, `ratelimit:${randomUUID()}:`),
          verifier: cluster.tokens.verifier,
          logLevel: false,
        });
        await app.ready();
        chats.push(app);
        signaling.push(await startInstance(cluster, { bus: bus() }));
      }
    });

    afterAll(async () => {
      for (const i of signaling) await i.close();
      for (const a of chats) await a.close();
      for (const b of buses) await b.close();
      for (const r of redisClients) r.disconnect();
      for (const d of databases) await d.close();
    });

    it('delivers a public message to every socket and a private one only to its two parties', async () => {
      const [chat1] = chats as [App, App];
      const [sig1, sig2] = signaling as [Instance, Instance];
      const code = meetingCode();
      const ada = await joinAs(cluster, sig1, code, { name: 'Ada' });
      const bob = await joinAs(cluster, sig2, code, { name: 'Bob' });
      const eve = await joinAs(cluster, sig2, code, { name: 'Eve' });
      const post = async (from: typeof ada, body: Record<string, unknown>) => {
        const res = await chat1.inject({
          method: 'POST',
          url: `/api/chat/${code}/messages`,
          headers: { authorization: `Bearer ${await cluster.tokens.issue(from.actor)}` },
          payload: { clientId: randomUUID(), ...body },
        });
        expect(res.statusCode).toBe(201);
      };

      await post(ada, { text: 'hello all' });
      for (const who of [ada, bob, eve]) {
        const got = await who.client.next('chat.message');
        expect(got.message).toMatchObject({
          text: 'hello all',
          to: null,
          from: { identity: ada.actor.id },
        });
      }

      await post(ada, { text: 'just you, Bob', to: bob.actor.id });
      expect((await bob.client.next('chat.message')).message.text).toBe('just you, Bob');
      expect((await ada.client.next('chat.message')).message.to).toBe(bob.actor.id);
      expect(await eve.client.unconsumed('chat.message', 300)).toEqual([]);
    });
  },
);
