import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@gomeet/platform';
import type { JoinResult, Meeting, Session } from '@gomeet/protocol';
import { createEmptyDatabase, postJson, startRedis, type JsonAnswer } from '@gomeet/testing';
import { sql } from 'kysely';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGoMeet, type RunningGoMeet } from '../src/index.js';

const postgresUrl = inject('postgresUrl');
const LIVEKIT = { key: 'crowdkey', secret: 'crowd-secret-of-at-least-thirty-two-chars' };
const PASSWORD = 'correct horse battery staple';
const CROWD = 500;

const post = (base: string, path: string, body: unknown, token?: string) =>
  postJson(base + path, body, token);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts like a well-behaved client: on 429 it waits Retry-After seconds and tries again. */
async function politely(call: () => Promise<JsonAnswer>, seen: { throttled: number }) {
  for (let attempt = 0; ; attempt++) {
    const answer = await call();
    if (answer.status !== 429 || attempt >= 10) return answer;
    seen.throttled += 1;
    await sleep(answer.retryAfter * 1000);
  }
}

// Two instances of the all-in-one server sharing PostgreSQL and Redis, as two pods behind the
// gateway; every request comes from 127.0.0.1, as an office behind one NAT address would.
describe.skipIf(!postgresUrl)('500 people arriving from one address within a minute', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let pods: RunningGoMeet[] = [];
  let database: Database;
  let host: Session;
  let emails: string[];

  beforeAll(async () => {
    redis = await startRedis();
    const databaseUrl = await createEmptyDatabase(postgresUrl!);
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_API_KEY: LIVEKIT.key,
      LIVEKIT_API_SECRET: LIVEKIT.secret,
    };
    // One after the other: the first creates the tables and the signing key the second reuses.
    pods = [await startGoMeet({ logLevel: false, env })];
    pods.push(await startGoMeet({ logLevel: false, env }));
    const hostEmail = `host-${randomUUID()}@example.test`;
    const registered = await post(pods[0]!.url, '/api/auth/register', {
      email: hostEmail,
      password: PASSWORD,
      displayName: 'Hosting Hana',
    });
    expect(registered.status).toBe(201);
    host = registered.body as unknown as Session;
    // 249 more accounts with the host's password hash: 249 argon2 hashes would take minutes.
    database = await openDatabase({ url: databaseUrl });
    const rows = Array.from({ length: CROWD / 2 - 1 }, (_, i) => ({
      id: randomUUID(),
      email: `person-${i}-${randomUUID()}@example.test`,
    }));
    await sql`
      insert into auth_users (id, email, display_name, password_hash, created_at, updated_at)
      select r.id, r.email, 'Office worker', u.password_hash, now(), now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, email text),
           auth_users u
      where u.email = ${hostEmail}`.execute(database.db);
    emails = [hostEmail, ...rows.map((r) => r.email)];
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    for (const pod of pods) await pod.close();
    await redis?.stop();
  });

  it('lets every guest and every correct sign-in in, and still refuses abuse', async () => {
    const meetingRes = await post(
      pods[0]!.url,
      '/api/meetings',
      { title: 'Monday all-hands', settings: { lobby: false } },
      host.accessToken,
    );
    expect(meetingRes.status).toBe(201);
    const meeting = meetingRes.body as unknown as Meeting;
    const seen = { throttled: 0 };

    const arrive = async (i: number): Promise<JoinResult> => {
      await sleep(Math.random() * 20_000);
      const pod = pods[i % 2]!.url;
      const other = pods[(i + 1) % 2]!.url;
      const credentials =
        i < CROWD / 2
          ? await politely(
              () => post(pod, '/api/auth/login', { email: emails[i], password: PASSWORD }),
              seen,
            )
          : await politely(
              () =>
                post(pod, '/api/auth/guest', {
                  meetingCode: meeting.code,
                  displayName: `Guest ${i}`,
                }),
              seen,
            );
      expect(credentials.status, JSON.stringify(credentials.body)).toBe(200);
      const token = credentials.body.accessToken as string;
      // The join goes to the other pod: nothing may depend on landing on the same one.
      const joined = await politely(
        () => post(other, `/api/meetings/${meeting.code}/join`, {}, token),
        seen,
      );
      expect(joined.status, JSON.stringify(joined.body)).toBe(200);
      return joined.body as unknown as JoinResult;
    };

    const started = Date.now();
    const results = await Promise.all(Array.from({ length: CROWD }, (_, i) => arrive(i)));
    const seconds = (Date.now() - started) / 1000;
    console.info(`${CROWD} arrivals in ${seconds.toFixed(1)} s, ${seen.throttled} answered 429`);
    expect(seconds).toBeLessThan(60);

    const verifier = new TokenVerifier(LIVEKIT.key, LIVEKIT.secret);
    const identities = new Set<string>();
    for (const result of results) {
      expect(result.status).toBe('joined');
      if (result.status !== 'joined') continue;
      const claims = await verifier.verify(result.token);
      expect(claims.video?.room).toBe(meeting.code);
      identities.add(result.identity);
    }
    expect(identities.size).toBe(CROWD);
    expect(results.filter((r) => r.role === 'guest')).toHaveLength(CROWD / 2);

    // Password guessing on one account is still refused, from the same address.
    const guesses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await post(pods[i % 2]!.url, '/api/auth/login', {
        email: emails[1],
        password: `wrong guess ${i}`,
      });
      guesses.push(res.status);
    }
    expect(guesses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(guesses[30]).toBe(429);

    // A guest pass past a meeting's guest ceiling opens nothing: a clear problem, not a seat.
    const small = (
      await post(
        pods[1]!.url,
        '/api/meetings',
        { title: 'Board', settings: { lobby: false, maxGuests: 2 } },
        host.accessToken,
      )
    ).body as unknown as Meeting;
    const guestJoin = async () => {
      const pass = await post(pods[0]!.url, '/api/auth/guest', {
        meetingCode: small.code,
        displayName: 'Visitor',
      });
      return post(
        pods[1]!.url,
        `/api/meetings/${small.code}/join`,
        {},
        pass.body.accessToken as string,
      );
    };
    expect((await guestJoin()).status).toBe(200);
    expect((await guestJoin()).status).toBe(200);
    const refused = await guestJoin();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      type: 'https://gomeet.dev/problems/guest-limit-reached',
      detail: expect.stringMatching(/as many guests as its host allows \(2\)/) as unknown,
    });
  }, 120_000);
});
