import { randomUUID } from 'node:crypto';
import { createMemoryRateLimiter, type App, type Database } from '@gomeet/platform';
import type { Session } from '@gomeet/protocol';
import type { DatabaseBackend } from '@gomeet/testing';
import { expect } from 'vitest';
import { buildApp, type BuildAppOptions } from '../src/index.js';

/** The TURN secret every test app uses. */
export const TURN_SECRET = 'test-turn-secret-0123456789';

/** An auth app on a fresh database of `backend`, and how to tear it down. */
export interface TestAuth {
  app: App;
  database: Database;
  close(): Promise<void>;
}

/** A clock a test can move forward. */
export function testClock(start = new Date()): { now: () => Date; advance(seconds: number): void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (seconds) => void (t += seconds * 1000) };
}

/**
 * Builds the auth app on a new database. Limits are generous by default (every request comes
 * from one IP); rate-limit tests pass their own.
 */
export async function startAuth(
  backend: DatabaseBackend,
  options: Partial<BuildAppOptions> = {},
): Promise<TestAuth> {
  const database = await backend.open();
  const app = await buildApp({
    db: database.db,
    rateLimiter: createMemoryRateLimiter(),
    turn: { secret: TURN_SECRET, urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 3600 },
    limits: {
      loginPerAccount: 1000,
      loginPerAccountAddress: 1000,
      loginFailuresPerAddress: 1000,
      registerPerAddress: 1000,
    },
    logLevel: false,
    ...options,
  });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A fresh, unique email address. */
export function newEmail(): string {
  return `user-${randomUUID()}@example.test`;
}

/** Registers a new account through the API; returns its session and password. */
export async function register(
  app: App,
  input: { email?: string; password?: string; displayName?: string } = {},
): Promise<Session & { password: string }> {
  const password = input.password ?? 'correct horse battery staple';
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: {
      email: input.email ?? newEmail(),
      password,
      displayName: input.displayName ?? 'Ada Lovelace',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...res.json<Session>(), password };
}

/** A bearer authorization header. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** Asserts a problem+json response with `status` and problem `type`; returns its body. */
export function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string; json<T>(): T },
  status: number,
  type: string,
): { detail: string; errors?: { field: string; message: string }[] } {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{
    type: string;
    status: number;
    detail: string;
    errors?: { field: string; message: string }[];
  }>();
  expect(body.type).toBe(`https://gomeet.dev/problems/${type}`);
  expect(body.status).toBe(status);
  return body;
}
