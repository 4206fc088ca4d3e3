import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEmptyDatabase } from '@gomeet/testing';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGoMeet, type RunningGoMeet } from '../src/index.js';

const livekitBin = fileURLToPath(new URL('../../../.bin/livekit-server', import.meta.url));
const ci = process.env.CI === 'true';
const haveLiveKit = existsSync(livekitBin);
if (ci && !haveLiveKit)
  throw new Error('LiveKit is required in CI: run scripts/install-livekit.sh');

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function api(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe.skipIf(!haveLiveKit)(
  'the all-in-one server with embedded PGlite and its own LiveKit',
  () => {
    let gomeet: RunningGoMeet;
    const secrets = {
      LIVEKIT_API_KEY: 'testkey',
      LIVEKIT_API_SECRET: 'test-secret-of-at-least-thirty-two-chars',
    };

    beforeAll(async () => {
      gomeet = await startGoMeet({ logLevel: false, env: secrets });
    });
    afterAll(async () => {
      await gomeet?.close();
    });

    it('is ready with its database and LiveKit', async () => {
      const ready = await api(gomeet.url, 'GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'ready',
        checks: { database: 'ok', livekit: 'ok' },
      });
    });

    it('lets a user sign up, create a meeting and get a LiveKit token LiveKit accepts', async () => {
      const signup = await api(gomeet.url, 'POST', '/api/auth/register', {
        email: `host-${Date.now()}@example.test`,
        password: 'correct horse battery',
        displayName: 'Host',
      });
      expect(signup.status).toBe(201);
      const token = signup.body.accessToken as string;
      const created = await api(
        gomeet.url,
        'POST',
        '/api/meetings',
        { title: 'Standup', settings: { lobby: false } },
        token,
      );
      expect(created.status).toBe(201);
      const code = created.body.code as string;
      expect(created.body.joinUrl).toBe(`${gomeet.url}/m/${code}`);
      const joined = await api(gomeet.url, 'POST', `/api/meetings/${code}/join`, {}, token);
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({
        status: 'joined',
        role: 'host',
        livekitUrl: gomeet.livekitUrl,
      });

      // LiveKit's own validation endpoint accepts the token for this room.
      const validate = await fetch(
        `${gomeet.livekitUrl.replace(/^ws/, 'http')}/rtc/validate?access_token=${joined.body.token as string}`,
      );
      expect(validate.status).toBe(200);
    });

    it('receives LiveKit webhooks signed with its keys', async () => {
      const rooms = new RoomServiceClient(
        gomeet.livekitUrl.replace(/^ws/, 'http'),
        secrets.LIVEKIT_API_KEY,
        secrets.LIVEKIT_API_SECRET,
      );
      await rooms.createRoom({ name: 'webhook-probe', emptyTimeout: 5 });
      const metrics = await waitFor(async () => {
        const res = await fetch(`${gomeet.url}/metrics`);
        const text = await res.text();
        return /http_requests_total\{service="signaling",method="POST",route="\/livekit\/webhook",status="200"\} [1-9]/.test(
          text,
        )
          ? text
          : undefined;
      }, 'a room_started webhook');
      expect(metrics).toContain('route="/livekit/webhook"');
      await rooms.deleteRoom('webhook-probe');
    });

    it('restarts LiveKit when it crashes', async () => {
      // Only the LiveKit this server started: never another test's or a developer's own.
      const pid = gomeet.livekitPid();
      expect(pid).toBeTypeOf('number');
      process.kill(pid!, 'SIGKILL');
      await waitFor(
        async () => ((await api(gomeet.url, 'GET', '/readyz')).status === 503 ? true : undefined),
        'LiveKit to be seen down',
        5_000,
      ).catch(
        () => undefined, // it may come back before we look
      );
      await waitFor(
        async () => ((await api(gomeet.url, 'GET', '/readyz')).status === 200 ? true : undefined),
        'LiveKit to come back',
        20_000,
      );
      expect(gomeet.livekitPid()).not.toBe(pid);
    });

    it('stops LiveKit within its grace even while a room is open', async () => {
      const other = await startGoMeet({ logLevel: false, env: secrets });
      const rooms = new RoomServiceClient(
        other.livekitUrl.replace(/^ws/, 'http'),
        secrets.LIVEKIT_API_KEY,
        secrets.LIVEKIT_API_SECRET,
      );
      // A room LiveKit would otherwise drain for a minute: close() deletes it, then stops.
      await rooms.createRoom({ name: 'draining', emptyTimeout: 60 });
      const pid = other.livekitPid()!;
      const started = Date.now();
      await other.close();
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(() => process.kill(pid, 0)).toThrow();
    });

    it('serves the OpenAPI document of every service', async () => {
      const doc = await api(gomeet.url, 'GET', '/api/openapi.json');
      const paths = Object.keys(doc.body.paths as object);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/auth/register',
          '/api/auth/login',
          '/api/meetings/',
          '/api/meetings/{code}/join',
        ]),
      );
    });
  },
);

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');
describe.skipIf(!haveLiveKit || !postgresUrl || !redisUrl)(
  'the all-in-one server on real PostgreSQL and Redis',
  () => {
    it('uses DATABASE_URL and REDIS_URL instead of the embedded defaults', async () => {
      const gomeet = await startGoMeet({
        logLevel: false,
        env: { DATABASE_URL: await createEmptyDatabase(postgresUrl!), REDIS_URL: redisUrl! },
      });
      try {
        const ready = await api(gomeet.url, 'GET', '/readyz');
        expect(ready.body).toMatchObject({
          status: 'ready',
          checks: { database: 'ok', redis: 'ok', livekit: 'ok' },
        });
        const signup = await api(gomeet.url, 'POST', '/api/auth/register', {
          email: `pg-${Date.now()}@example.test`,
          password: 'correct horse battery',
          displayName: 'Pat',
        });
        expect(signup.status).toBe(201);
      } finally {
        await gomeet.close();
      }
    });
  },
);
