import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createEmptyDatabase,
  startPostgres,
  startRedis,
  type RestartableServer,
} from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGoMeet, type RunningGoMeet } from '../src/index.js';
import { call, ReconnectingClient } from './support/fault-clients.js';

const ci = process.env.CI === 'true';
const haveLiveKit = existsSync(
  fileURLToPath(new URL('../../../.bin/livekit-server', import.meta.url)),
);
if (ci && !haveLiveKit)
  throw new Error('LiveKit is required in CI: run scripts/install-livekit.sh');
// The suite's own servers are shared; this file kills its own, on the same machine.
const haveServers = inject('postgresUrl') !== null && inject('redisUrl') !== null;
const missing = !haveLiveKit ? 'LiveKit' : !haveServers ? 'PostgreSQL or Redis' : '';

/** Guests posting chat, each under the per-person chat limit (10 per 10 s). */
const SENDERS = 8;
const SEND_EVERY_MS = 1_100;
const RECONNECT_MS = 5_000;
const secrets = {
  LIVEKIT_API_KEY: 'faultkey',
  LIVEKIT_API_SECRET: 'fault-secret-of-at-least-thirty-two-chars',
};

describe.skipIf(missing !== '')(
  `faults during a live meeting on two instances${missing ? ` (skipped: ${missing} not available)` : ''}`,
  () => {
    let pg: RestartableServer;
    let redis: RestartableServer;
    let a: RunningGoMeet;
    let b: RunningGoMeet | undefined;
    let code: string;
    let hostToken: string;
    const clients: ReconnectingClient[] = [];
    const acked = new Set<string>();
    let sending = true;
    let senders: Promise<void>[] = [];
    const answers = new Map<number, number>();

    const bases = () => (b ? [a.url, b.url] : [a.url]);

    beforeAll(async () => {
      pg = await startPostgres();
      redis = await startRedis({ appendOnly: true });
      const env = {
        ...secrets,
        DATABASE_URL: await createEmptyDatabase(pg.url),
        REDIS_URL: redis.url,
      };
      a = await startGoMeet({ logLevel: false, env });
      b = await startGoMeet({ logLevel: false, env });
      const host = await call(a.url, 'POST', '/api/auth/register', undefined, {
        email: `faults-${Date.now()}@example.test`,
        password: 'correct horse battery',
        displayName: 'Fay Host',
      });
      hostToken = host.body.accessToken as string;
      const meeting = await call(a.url, 'POST', '/api/meetings', hostToken, {
        title: 'Faults',
        settings: { lobby: false },
      });
      code = meeting.body.code as string;
      await call(a.url, 'POST', `/api/meetings/${code}/join`, hostToken, {});
      const hostClient = new ReconnectingClient(bases, code, hostToken);
      clients.push(hostClient);
      await hostClient.start();
      const tokens: string[] = [];
      for (let i = 0; i < SENDERS; i++) {
        const guest = await call(a.url, 'POST', '/api/auth/guest', undefined, {
          meetingCode: code,
          displayName: `Sender ${i}`,
        });
        const token = guest.body.accessToken as string;
        await call(b.url, 'POST', `/api/meetings/${code}/join`, token, {});
        tokens.push(token);
        const client = new ReconnectingClient(bases, code, token, i);
        clients.push(client);
        await client.start();
      }
      // Chat traffic for the whole file: each sender posts under its limit, to either
      // instance; a message counts as acknowledged only on 201/200.
      senders = tokens.map(async (token, i) => {
        for (let n = 0; sending; n++) {
          const base = bases()[n % bases().length]!;
          const res = await call(base, 'POST', `/api/chat/${code}/messages`, token, {
            clientId: `s${i}-${n}`,
            text: `message ${n} from ${i}`,
          }).catch(() => undefined);
          if (res) answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
          if (res && res.status >= 500) expect(res.status, JSON.stringify(res.body)).toBe(503);
          if (res && (res.status === 201 || res.status === 200)) acked.add(res.body.id as string);
          await new Promise((r) => setTimeout(r, SEND_EVERY_MS));
        }
      });
    }, 120_000);

    afterAll(async () => {
      sending = false;
      for (const c of clients) c.close();
      await Promise.all(senders);
      await b?.close();
      await a?.close();
      await redis?.stop();
      await pg?.stop();
    }, 60_000);

    /** Waits until each of `moving` has had a welcome after the ones it had; returns the ms. */
    const rewelcomed = async (moving: ReconnectingClient[]) => {
      const before = moving.map((c) => c.welcomes);
      const started = Date.now();
      await Promise.all(
        moving.map((c, i) => c.until(() => c.welcomes > before[i]!, RECONNECT_MS, 'reconnect')),
      );
      return Date.now() - started;
    };

    /** A chat message posted on instance `from` reaches every client within 5 s. */
    const chatFlows = async (from: string) => {
      const text = `probe ${Date.now()}`;
      const deadline = Date.now() + RECONNECT_MS;
      let posted: Awaited<ReturnType<typeof call>> | undefined;
      while (Date.now() < deadline) {
        posted = await call(from, 'POST', `/api/chat/${code}/messages`, hostToken, {
          clientId: `probe-${text}`,
          text,
        }).catch(() => undefined);
        if (posted && posted.status < 300) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(posted?.status).toBe(201);
      acked.add(posted!.body.id as string);
      await Promise.all(
        clients.map((c) =>
          c.until(
            () => c.received.some((m) => m.type === 'chat.message' && m.message.text === text),
            RECONNECT_MS,
            'probe message',
          ),
        ),
      );
    };

    const readyz = (base: string) => call(base, 'GET', '/readyz');

    it('answers 503 with Retry-After and names Redis while it is down, and recovers', async () => {
      await redis.kill();
      const seen = await waitUntil(async () => {
        const r = await readyz(a.url);
        return r.status === 503 ? r : undefined;
      });
      expect(seen.body.checks).toHaveProperty('redis');
      expect((seen.body.checks as Record<string, string>).redis).not.toBe('ok');
      const post = await call(a.url, 'POST', `/api/chat/${code}/messages`, hostToken, {
        clientId: `down-${Date.now()}`,
        text: 'while Redis is down',
      });
      expect(post.status).toBe(503);
      expect(Number(post.retryAfter)).toBeGreaterThan(0);
      expect(JSON.stringify(post.body)).not.toMatch(/at .*\.ts|stack/i);
      await redis.restart();
      await waitUntil(async () => ((await readyz(a.url)).status === 200 ? true : undefined));
      await chatFlows(b!.url);
    });

    it('answers 503 with Retry-After and names PostgreSQL while it is down, and recovers', async () => {
      await pg.kill();
      const seen = await waitUntil(async () => {
        const r = await readyz(b!.url);
        return r.status === 503 ? r : undefined;
      });
      expect(seen.body.checks).toHaveProperty('database');
      expect((seen.body.checks as Record<string, string>).database).not.toBe('ok');
      const post = await call(b!.url, 'POST', `/api/chat/${code}/messages`, hostToken, {
        clientId: `pgdown-${Date.now()}`,
        text: 'while PostgreSQL is down',
      });
      expect(post.status).toBe(503);
      expect(Number(post.retryAfter)).toBeGreaterThan(0);
      await pg.restart();
      await waitUntil(async () => ((await readyz(b!.url)).status === 200 ? true : undefined));
      await chatFlows(a.url);
    });

    it('moves everyone on a stopped instance to the other within 5 s, presence intact', async () => {
      const gone = b!;
      const moving = clients.filter((c) => c.base === gone.url);
      expect(moving.length).toBeGreaterThan(0);
      b = undefined; // the "load balancer" now only knows instance a
      const closing = gone.close();
      const took = await rewelcomed(moving);
      await closing;
      expect(took).toBeLessThan(RECONNECT_MS);
      // The moved socket's fresh welcome lists everyone: presence survived the instance.
      const last = moving[0]!.received.filter((m) => m.type === 'welcome').at(-1);
      expect(last?.type === 'welcome' ? last.participants.length : 0).toBe(clients.length);
      await chatFlows(a.url);
    });

    it('keeps the meeting when LiveKit crashes: the supervisor restarts it', async () => {
      const pid = a.livekitPid()!;
      process.kill(pid, 'SIGKILL');
      await waitUntil(async () => {
        const r = await readyz(a.url);
        return r.status === 200 && a.livekitPid() !== pid ? true : undefined;
      }, 20_000);
      const join = await call(a.url, 'POST', `/api/meetings/${code}/join`, hostToken, {});
      expect(join.status).toBe(200);
      await chatFlows(a.url);
    });

    it('lost no acknowledged chat message', async () => {
      sending = false;
      await Promise.all(senders);
      const stored = new Set<string>();
      let after: string | undefined;
      for (;;) {
        const page = await call(
          a.url,
          'GET',
          `/api/chat/${code}/messages?limit=100${after ? `&after=${after}` : ''}`,
          hostToken,
        );
        expect(page.status).toBe(200);
        const messages = page.body.messages as { id: string }[];
        for (const m of messages) stored.add(m.id);
        if (!page.body.hasMore || messages.length === 0) break;
        after = messages.at(-1)!.id;
      }
      const lost = [...acked].filter((id) => !stored.has(id));
      expect(acked.size).toBeGreaterThan(SENDERS * 2);
      expect(lost).toEqual([]);
      console.log(
        `faults: ${acked.size} acknowledged messages, all stored; answers ${JSON.stringify([...answers])}`,
      );
    });
  },
);

async function waitUntil<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
