import {
  createInProcessBus,
  createRedisBus,
  migrate,
  openRedis,
  type Actor,
  type App,
  type Bus,
  type Database,
} from '@gomeet/platform';
import type { Meeting } from '@gomeet/protocol';
import { createTestTokens, type DatabaseBackend, type TestTokens } from '@gomeet/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { ServerError } from 'livekit-server-sdk';
import { expect } from 'vitest';
import {
  buildApp,
  meetingMigrations,
  type MeetingDatabase,
  type MeetingDeps,
  type TurnDeps,
} from '../src/index.js';

export const LIVEKIT = {
  url: 'ws://127.0.0.1:7880',
  apiKey: 'test-key',
  apiSecret: 'test-secret-that-is-long-enough-1234',
};
export const PUBLIC_URL = 'http://meet.test';

/**
 * A fake of exactly the two RoomService calls the service makes; records what it was asked.
 * `missingRooms` answer deleteRoom like LiveKit does for a room that does not exist.
 */
export function fakeRoomService() {
  const deleted: string[] = [];
  return {
    deleted,
    missingRooms: new Set<string>(),
    deleteRoom(room: string) {
      if (this.missingRooms.has(room))
        return Promise.reject(new ServerError('not_found', 'room not found', 404, 'not_found'));
      deleted.push(room);
      return Promise.resolve();
    },
    listRooms: () => Promise.resolve([]),
  };
}

/** One meeting-service on one database backend, with token helpers. */
export interface Harness {
  app: App;
  db: Kysely<MeetingDatabase>;
  bus: Bus;
  tokens: TestTokens;
  roomService: ReturnType<typeof fakeRoomService>;
  deps: MeetingDeps;
  /** A fresh signed-in user and their bearer token. */
  user(name?: string): Promise<{ actor: Actor; token: string }>;
  /** A guest pass for one meeting. */
  guest(meeting: string, name?: string): Promise<{ actor: Actor; token: string }>;
  call(
    method: string,
    url: string,
    token?: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** Creates a meeting as `token`'s user and returns it. */
  create(token: string, body?: Record<string, unknown>): Promise<Meeting>;
  /** Builds another app on the same database with different dependencies (e.g. TURN). */
  variant(extra: { turn?: TurnDeps }): App;
  close(): Promise<void>;
}

/** Opens a fresh database of `backend`, migrates it and builds the app on it. */
export async function startHarness(
  backend: DatabaseBackend,
  redisUrl: string | null,
): Promise<Harness> {
  const database: Database = await backend.open();
  await migrate(database.db, 'meeting', meetingMigrations);
  // The Redis bus where Redis runs (as in production); the in-process one on PGlite (as locally).
  const redis: ReturnType<typeof openRedis> | undefined =
    backend.name === 'postgres' && redisUrl ? openRedis(redisUrl) : undefined;
  const bus = redis ? createRedisBus(redis) : createInProcessBus();
  const tokens = await createTestTokens();
  const roomService = fakeRoomService();
  const deps: MeetingDeps = {
    db: database.db,
    bus,
    verifier: tokens.verifier,
    livekit: { ...LIVEKIT, roomService },
    publicUrl: PUBLIC_URL,
  };
  const app = buildApp({ ...deps, logLevel: false });
  await app.ready();
  const variants: App[] = [];

  const call = async (method: string, url: string, token?: string, body?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const h: Harness = {
    app,
    db: database.db as Kysely<MeetingDatabase>,
    bus,
    tokens,
    roomService,
    deps,
    call,
    async user(name = 'Ada Lovelace') {
      const actor = tokens.user(name);
      return { actor, token: await tokens.issue(actor) };
    },
    async guest(meeting, name = 'Visiting Guest') {
      const actor: Actor = { id: `guest:${crypto.randomUUID()}`, kind: 'guest', name, meeting };
      return { actor, token: await tokens.issue(actor) };
    },
    async create(token, body = {}) {
      const res = await call('POST', '/api/meetings', token, { title: 'Weekly sync', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Meeting>();
    },
    variant(extra) {
      const v = buildApp({ ...deps, ...extra, logLevel: false });
      variants.push(v);
      return v;
    },
    async close() {
      await Promise.all(variants.map((v) => v.close()));
      await app.close();
      await bus.close();
      redis?.disconnect();
      await database.close();
    },
  };
  return h;
}

/** Asserts an RFC 9457 problem response with this status and problem type slug. */
export function expectProblem(res: LightMyRequestResponse, status: number, type?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{ status: number; type: string }>();
  expect(body.status).toBe(status);
  if (type) expect(body.type).toBe(`https://gomeet.dev/problems/${type}`);
}
