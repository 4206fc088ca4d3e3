import { randomBytes, randomUUID } from 'node:crypto';
import {
  createInProcessBus,
  createMemoryLiveState,
  createMemoryRateLimiter,
  createRedisBus,
  createRedisLiveState,
  createRedisRateLimiter,
  meetingTopic,
  migrate,
  openRedis,
  roster,
  type Actor,
  type App,
  type Bus,
  type Database,
  type LiveState,
  type MeetingEvent,
  type RosterEntry,
} from '@gomeet/platform';
import type { ChatMessage } from '@gomeet/protocol';
import { createTestTokens, type DatabaseBackend, type TestTokens } from '@gomeet/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expect, vi } from 'vitest';
import {
  buildApp,
  chatMigrations,
  type ChatDatabase,
  type ChatDeps,
  type MessageRate,
} from '../src/index.js';

/** A fresh random meeting code like "abc-defg-hij". */
export function newMeetingCode(): string {
  const letters = (n: number) =>
    Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${letters(3)}-${letters(4)}-${letters(3)}`;
}

/** Someone with a token and (unless told otherwise) a roster entry. */
export interface Person {
  actor: Actor;
  token: string;
}

/** What a roster entry should say about a new person. */
export interface Membership {
  role?: RosterEntry['role'];
  state?: RosterEntry['state'] | 'absent';
  name?: string;
  guest?: boolean;
}

/** The events published on one meeting's topic, collected as they arrive. */
export interface Listener {
  events: MeetingEvent[];
  /** Waits until an event matches, and returns it. */
  waitFor(match: (event: MeetingEvent) => boolean): Promise<MeetingEvent>;
}

/** Builds people and roster entries, and calls the chat API as them, on one set of stores. */
export function personas(tokens: TestTokens, live: LiveState) {
  return async function join(code: string, m: Membership = {}): Promise<Person> {
    const name = m.name ?? 'Ada Lovelace';
    const actor: Actor = m.guest
      ? { id: `guest:${randomUUID()}`, kind: 'guest', name, meeting: code }
      : tokens.user(name);
    if (m.state !== 'absent') {
      await roster.put(live, code, {
        identity: actor.id,
        userId: actor.id,
        name,
        role: m.role ?? (m.guest ? 'guest' : 'participant'),
        state: m.state ?? 'joined',
        at: new Date().toISOString(),
      });
    }
    return { actor, token: await tokens.issue(actor) };
  };
}

/** Sends one request to `app` with an optional bearer token and JSON body. */
export function caller(app: App) {
  return (method: string, url: string, token?: string, body?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
}

/** Subscribes to meeting `code`'s topic on `bus`; `subscriptions` collects the unsubscribers. */
export async function listen(
  bus: Bus,
  code: string,
  subscriptions: (() => Promise<void>)[],
): Promise<Listener> {
  const events: MeetingEvent[] = [];
  subscriptions.push(
    await bus.subscribe(meetingTopic(code), (m) => events.push(m as MeetingEvent)),
  );
  return {
    events,
    waitFor: (match) =>
      vi.waitFor(
        () => {
          const found = events.find(match);
          if (!found) throw new Error(`no matching event among ${events.length}`);
          return found;
        },
        { timeout: 5_000, interval: 10 },
      ),
  };
}

/** One chat-service on one database backend, with helpers to act as meeting members. */
export interface Harness {
  app: App;
  db: Kysely<ChatDatabase>;
  bus: Bus;
  live: LiveState;
  deps: ChatDeps;
  /** A person with a token, put in meeting `code`'s roster as `m` says (joined participant by default). */
  join(code: string, m?: Membership): Promise<Person>;
  call(
    method: string,
    url: string,
    token?: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** Posts a message and expects it stored (201). */
  post(code: string, who: Person, text: string, extra?: object): Promise<ChatMessage>;
  /** Reads history and expects 200. */
  history(
    code: string,
    who: Person,
    query?: string,
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }>;
  listen(code: string): Promise<Listener>;
  close(): Promise<void>;
}

/**
 * Opens a fresh database of `backend`, migrates it and builds the app on it: with Redis for
 * the bus, roster and rate limits on PostgreSQL (as in production), in memory on PGlite.
 */
export async function startHarness(
  backend: DatabaseBackend,
  redisUrl: string | null,
  options: { wrapBus?: (bus: Bus) => Bus; messageRate?: MessageRate } = {},
): Promise<Harness> {
  const database: Database = await backend.open();
  await migrate(database.db, 'chat', chatMigrations);
  const redis = backend.name === 'postgres' && redisUrl ? openRedis(redisUrl) : undefined;
  const prefix = `test-${randomUUID()}:`;
  const realBus = redis ? createRedisBus(redis) : createInProcessBus();
  const bus = options.wrapBus ? options.wrapBus(realBus) : realBus;
  const live = redis ? createRedisLiveState(redis, prefix) : createMemoryLiveState();
  const rateLimiter = redis ? createRedisRateLimiter(redis, prefix) : createMemoryRateLimiter();
  const tokens = await createTestTokens();
  const deps: ChatDeps = {
    db: database.db,
    bus,
    live,
    verifier: tokens.verifier,
    rateLimiter,
    messageRate: options.messageRate,
  };
  const app = buildApp({ ...deps, logLevel: false });
  await app.ready();
  const call = caller(app);
  const subscriptions: (() => Promise<void>)[] = [];

  return {
    app,
    db: database.db as Kysely<ChatDatabase>,
    bus,
    live,
    deps,
    join: personas(tokens, live),
    call,
    async post(code, who, text, extra = {}) {
      const body = { clientId: randomUUID(), text, ...extra };
      const res = await call('POST', `/api/chat/${code}/messages`, who.token, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<ChatMessage>();
    },
    async history(code, who, query = '') {
      const res = await call('GET', `/api/chat/${code}/messages${query}`, who.token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    listen: (code) => listen(bus, code, subscriptions),
    async close() {
      await Promise.all(subscriptions.map((off) => off()));
      await app.close();
      await bus.close();
      redis?.disconnect();
      await database.close();
    },
  };
}

/** Asserts an RFC 9457 problem response with this status and problem type slug. */
export function expectProblem(res: LightMyRequestResponse, status: number, type?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{ status: number; type: string }>();
  expect(body.status).toBe(status);
  if (type) expect(body.type).toBe(`https://gomeet.dev/problems/${type}`);
}
