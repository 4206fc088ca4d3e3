import {
  createInProcessBus,
  createMemoryLiveState,
  createRedisBus,
  createRedisLiveState,
  meetingTopic,
  migrate,
  openRedis,
  withTimeout,
  type Actor,
  type App,
  type Bus,
  type Database,
  type LiveState,
  type MeetingEvent,
} from '@gomeet/platform';
import type { Meeting } from '@gomeet/protocol';
import { createTestTokens, type DatabaseBackend, type TestTokens } from '@gomeet/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import {
  ParticipantInfo,
  ParticipantPermission,
  ServerError,
  TrackInfo,
  TrackSource,
  type UpdateParticipantOptions,
} from 'livekit-server-sdk';
import { expect } from 'vitest';
import {
  buildApp,
  meetingMigrations,
  type MeetingDatabase,
  type MeetingDeps,
  type RoomService,
  type TurnDeps,
} from '../src/index.js';

export const LIVEKIT = {
  url: 'ws://127.0.0.1:7880',
  apiKey: 'test-key',
  apiSecret: 'test-secret-that-is-long-enough-1234',
};
export const PUBLIC_URL = 'http://meet.test';

const notFound = (what: string) =>
  new ServerError('not_found', `${what} not found`, 404, 'not_found');

/**
 * A fake of exactly the RoomService calls the service makes; records what it was asked.
 * `missingRooms` answer deleteRoom like LiveKit does for a room that does not exist; `enter()`
 * puts a participant with a microphone and a camera track in a room.
 */
export function fakeRoomService() {
  const deleted: string[] = [];
  const rooms = new Map<string, Map<string, ParticipantInfo>>();
  const calls = {
    getParticipant: [] as string[][],
    mutePublishedTrack: [] as { room: string; identity: string; sid: string; muted: boolean }[],
    removeParticipant: [] as string[][],
    updateParticipant: [] as {
      room: string;
      identity: string;
      permission?: Partial<ParticipantPermission>;
      metadata?: string;
    }[],
  };
  const find = (room: string, identity: string) => rooms.get(room)?.get(identity);
  const fake = {
    deleted,
    calls,
    missingRooms: new Set<string>(),
    /** Puts `identity` in `room`, publishing an unmuted microphone and camera. */
    enter(room: string, identity: string): void {
      const tracks = [
        new TrackInfo({ sid: `TR_mic_${identity}`, source: TrackSource.MICROPHONE, muted: false }),
        new TrackInfo({ sid: `TR_cam_${identity}`, source: TrackSource.CAMERA, muted: false }),
      ];
      if (!rooms.has(room)) rooms.set(room, new Map());
      rooms.get(room)?.set(identity, new ParticipantInfo({ identity, tracks }));
    },
    /** Whether `identity`'s track of `source` in `room` is muted. */
    isMuted(room: string, identity: string, source: TrackSource): boolean | undefined {
      return find(room, identity)?.tracks.find((t) => t.source === source)?.muted;
    },
    deleteRoom(room: string) {
      if (fake.missingRooms.has(room)) return Promise.reject(notFound('room'));
      deleted.push(room);
      rooms.delete(room);
      return Promise.resolve();
    },
    listRooms: () => Promise.resolve([]),
    getParticipant(room: string, identity: string) {
      calls.getParticipant.push([room, identity]);
      const p = find(room, identity);
      return p ? Promise.resolve(p) : Promise.reject(notFound('participant'));
    },
    mutePublishedTrack(room: string, identity: string, sid: string, muted: boolean) {
      calls.mutePublishedTrack.push({ room, identity, sid, muted });
      const track = find(room, identity)?.tracks.find((t) => t.sid === sid);
      if (!track) return Promise.reject(notFound('track'));
      track.muted = muted;
      return Promise.resolve(track);
    },
    updateParticipant(room: string, identity: string, options?: unknown) {
      const { permission, metadata } = (options ?? {}) as UpdateParticipantOptions;
      calls.updateParticipant.push({ room, identity, permission, metadata });
      const p = find(room, identity);
      if (!p) return Promise.reject(notFound('participant'));
      if (permission) p.permission = new ParticipantPermission(permission);
      if (metadata !== undefined) p.metadata = metadata;
      return Promise.resolve(p);
    },
    removeParticipant(room: string, identity: string) {
      calls.removeParticipant.push([room, identity]);
      if (!rooms.get(room)?.delete(identity)) return Promise.reject(notFound('participant'));
      return Promise.resolve();
    },
  } satisfies RoomService & Record<string, unknown>;
  return fake;
}

/** What was published on one meeting's topic, as signaling receives it. */
export interface Recorded {
  events: MeetingEvent[];
  /** The events whose message has this type. */
  of(type: string): MeetingEvent[];
  /**
   * Resolves once everything published on the topic before this call has arrived: publishes a
   * marker behind it (each bus delivers one topic in order) and waits for it, so "nothing was
   * published" is checked without a guessed sleep. The marker is not kept in `events`.
   */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** One meeting-service on one database backend, with token helpers. */
export interface Harness {
  app: App;
  db: Kysely<MeetingDatabase>;
  bus: Bus;
  live: LiveState;
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
  /** POST /api/meetings/:code/join as `token`. */
  join(code: string, token: string, body?: object): Promise<LightMyRequestResponse>;
  /** POST /api/meetings/:code/<path> as `token`: a host control such as `lock` or `end`. */
  act(code: string, token: string, path: string, body?: object): Promise<LightMyRequestResponse>;
  /** Creates a meeting as `token`'s user and returns it. */
  create(token: string, body?: Record<string, unknown>): Promise<Meeting>;
  /** Records every event published on meeting `code`'s topic from now on. */
  record(code: string): Promise<Recorded>;
  /** Builds another app on the same database with different dependencies (e.g. TURN). */
  variant(extra: { turn?: TurnDeps }): App;
  close(): Promise<void>;
}

/** Opens a fresh database of `backend`, migrates it and builds the app on it (`extra` deps added). */
export async function startHarness(
  backend: DatabaseBackend,
  redisUrl: string | null,
  extra: Partial<MeetingDeps> = {},
): Promise<Harness> {
  const database: Database = await backend.open();
  await migrate(database.db, 'meeting', meetingMigrations);
  // The Redis bus where Redis runs (as in production); the in-process one on PGlite (as locally).
  const redis: ReturnType<typeof openRedis> | undefined =
    backend.name === 'postgres' && redisUrl ? openRedis(redisUrl) : undefined;
  const bus = redis ? createRedisBus(redis) : createInProcessBus();
  // A prefix per harness, so parallel test files never share Redis keys.
  const live = redis
    ? createRedisLiveState(redis, `test-${crypto.randomUUID()}:`)
    : createMemoryLiveState();
  const tokens = await createTestTokens();
  const roomService = fakeRoomService();
  const deps: MeetingDeps = {
    db: database.db,
    bus,
    live,
    verifier: tokens.verifier,
    livekit: { ...LIVEKIT, roomService },
    publicUrl: PUBLIC_URL,
    ...extra,
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
    live,
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
    join: (code, token, body = {}) => call('POST', `/api/meetings/${code}/join`, token, body),
    act: (code, token, path, body) => call('POST', `/api/meetings/${code}/${path}`, token, body),
    async create(token, body = {}) {
      const res = await call('POST', '/api/meetings', token, { title: 'Weekly sync', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Meeting>();
    },
    async record(code) {
      const events: MeetingEvent[] = [];
      const markers = new Map<string, () => void>();
      const stop = await bus.subscribe(meetingTopic(code), (m) => {
        const marker = (m as { testMarker?: string }).testMarker;
        if (marker === undefined) events.push(m as MeetingEvent);
        else markers.get(marker)?.();
      });
      const settled = async (timeoutMs = 10_000) => {
        const id = crypto.randomUUID();
        const arrived = new Promise<void>((resolve) => markers.set(id, resolve));
        await bus.publish(meetingTopic(code), { testMarker: id });
        await withTimeout(arrived, timeoutMs, `the marker on ${meetingTopic(code)}`);
        markers.delete(id);
      };
      return { events, of: (type) => events.filter((e) => e.message.type === type), settled, stop };
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

/** expect.poll with room for a loaded machine: bus deliveries may take a while under load. */
export function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000, interval: 20 });
}

/** A live meeting (no lobby) with its host and `n` participants joined and in the room. */
export async function liveMeeting(h: Harness, n: number, settings: object = {}) {
  const host = await h.user('Hedy Host');
  const meeting = await h.create(host.token, { settings: { lobby: false, ...settings } });
  const people = [host];
  for (let i = 0; i < n; i++) people.push(await h.user(`Person ${i}`));
  for (const p of people) {
    const res = await h.call('POST', `/api/meetings/${meeting.code}/join`, p.token, {});
    expect(res.statusCode, res.body).toBe(200);
    h.roomService.enter(meeting.code, p.actor.id);
  }
  return { host, meeting, people: people.slice(1) };
}

/** A harness and a second meeting-service on its database and Redis, as two pods behind a gateway. */
export interface TwoPods {
  h: Harness;
  /** The second instance: its own Redis connection, bus and meeting cache. */
  other: App;
  close(): Promise<void>;
}

/** Starts {@link TwoPods} on `backend`; Redis is required (the pods share live state through it). */
export async function startTwoPods(
  backend: DatabaseBackend,
  redisUrl: string | null | undefined,
): Promise<TwoPods> {
  if (!redisUrl) throw new Error('these tests need Redis (TEST_REDIS_URL or redis-server)');
  const h = await startHarness(backend, redisUrl);
  const otherRedis = openRedis(redisUrl);
  const other = buildApp({ ...h.deps, bus: createRedisBus(otherRedis), logLevel: false });
  await other.ready();
  return {
    h,
    other,
    async close() {
      await other.close();
      otherRedis.disconnect();
      await h.close();
    },
  };
}
