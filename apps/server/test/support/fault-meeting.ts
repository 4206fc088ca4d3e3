import {
  createEmptyDatabase,
  startPostgres,
  startRedis,
  type RestartableServer,
} from '@gomeet/testing';
import { call, type ReconnectingClient } from './fault-clients.js';

/** The slice of a running all-in-one server the fault runs use (the test's or the bench's). */
export interface FaultInstance {
  url: string;
  livekitPid(): number | undefined;
  close(): Promise<void>;
}

/** Starts one all-in-one instance with `env` (faults.test.ts and bench/chat-faults.ts pass theirs). */
export type StartInstance = (env: Record<string, string>) => Promise<FaultInstance>;

/** LiveKit keys both instances share. */
export const faultSecrets = {
  LIVEKIT_API_KEY: 'faultkey',
  LIVEKIT_API_SECRET: 'fault-secret-of-at-least-thirty-two-chars',
};

/** A client reconnects within this after any of the faults. */
export const RECONNECT_MS = 5_000;

/**
 * Real PostgreSQL and Redis (append-only, as production keeps its data) that can be killed and
 * restarted on their ports, and two instances on them; `b` is dropped from `bases()` when the
 * instance fault stops it, as a load balancer would.
 */
export class FaultCluster {
  b: FaultInstance | undefined;

  private constructor(
    readonly pg: RestartableServer,
    readonly redis: RestartableServer,
    readonly a: FaultInstance,
    b: FaultInstance,
  ) {
    this.b = b;
  }

  static async start(
    startInstance: StartInstance,
    extraEnv: Record<string, string> = {},
  ): Promise<FaultCluster> {
    const pg = await startPostgres();
    const redis = await startRedis({ appendOnly: true });
    const env = {
      ...faultSecrets,
      ...extraEnv,
      DATABASE_URL: await createEmptyDatabase(pg.url),
      REDIS_URL: redis.url,
    };
    const a = await startInstance(env);
    const b = await startInstance(env);
    return new FaultCluster(pg, redis, a, b);
  }

  /** The instances a client may connect to now. */
  bases = (): string[] => (this.b ? [this.a.url, this.b.url] : [this.a.url]);

  async close(): Promise<void> {
    await this.b?.close();
    await this.a.close();
    await this.redis.stop();
    await this.pg.stop();
  }
}

/** Registers a host and creates a meeting; the host has joined it. */
export async function hostMeeting(
  base: string,
  settings: { lobby: boolean },
  token?: string,
): Promise<{ code: string; hostToken: string }> {
  let hostToken = token;
  if (!hostToken) {
    const host = await call(base, 'POST', '/api/auth/register', undefined, {
      email: `faults-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
      password: 'correct horse battery',
      displayName: 'Fay Host',
    });
    hostToken = host.body.accessToken as string;
  }
  const meeting = await call(base, 'POST', '/api/meetings', hostToken, {
    title: 'Faults',
    settings,
  });
  const code = meeting.body.code as string;
  await call(base, 'POST', `/api/meetings/${code}/join`, hostToken, {});
  return { code, hostToken };
}

/** A guest's token for `code`, after their join (200, or 202 when the lobby is on). */
export async function joinAsGuest(
  base: string,
  code: string,
  displayName: string,
): Promise<{ token: string; joinStatus: number }> {
  const guest = await call(base, 'POST', '/api/auth/guest', undefined, {
    meetingCode: code,
    displayName,
  });
  const token = guest.body.accessToken as string;
  const join = await call(base, 'POST', `/api/meetings/${code}/join`, token, {});
  return { token, joinStatus: join.status };
}

/** Tallies of chat answers by status; `acked` holds the ids of messages answered 200/201. */
export interface ChatTally {
  acked: string[];
  answers: Map<number, number>;
  /** Answers 5xx other than 503 (must stay empty). */
  bad: { status: number; body: unknown }[];
}

export function newTally(): ChatTally {
  return { acked: [], answers: new Map(), bad: [] };
}

/**
 * One sender: posts to the instances in turn while `running()`, waiting `everyMs` between
 * posts (and after a 429 or 503, the Retry-After it was given). Every acknowledged id goes into
 * `tally.acked` — duplicates included, so a retried client id that came back twice shows.
 */
export async function sendChat(options: {
  bases: () => string[];
  code: string;
  token: string;
  name: string;
  everyMs: number;
  running: () => boolean;
  tally: ChatTally;
}): Promise<void> {
  const { bases, code, token, name, everyMs, running, tally } = options;
  for (let n = 0; running(); n++) {
    const list = bases();
    const base = list[n % list.length]!;
    const res = await call(base, 'POST', `/api/chat/${code}/messages`, token, {
      clientId: `${name}-${n}`,
      text: `message ${n} from ${name}`,
    }).catch(() => undefined);
    if (res) tally.answers.set(res.status, (tally.answers.get(res.status) ?? 0) + 1);
    if (res && res.status >= 500 && res.status !== 503)
      tally.bad.push({ status: res.status, body: res.body });
    if (res && (res.status === 201 || res.status === 200)) tally.acked.push(res.body.id as string);
    const backoff = res && res.retryAfter ? Math.min(Number(res.retryAfter) * 1000, 1_000) : 0;
    if (everyMs + backoff > 0) await sleep(everyMs + backoff);
  }
}

/**
 * Every message id in the meeting's history, as a client scrolling back reads it: the newest
 * page, then `before` the oldest on it while `hasMore` (older ones remain).
 */
export async function historyIds(base: string, code: string, token: string): Promise<string[]> {
  const pages: string[][] = [];
  let before: string | undefined;
  for (;;) {
    const page = await call(
      base,
      'GET',
      `/api/chat/${code}/messages?limit=200${before ? `&before=${before}` : ''}`,
      token,
    );
    if (page.status !== 200) throw new Error(`history answered ${page.status}`);
    const messages = page.body.messages as { id: string }[];
    pages.unshift(messages.map((m) => m.id));
    if (!page.body.hasMore || messages.length === 0) return pages.flat();
    before = messages[0]!.id;
  }
}

/** Acknowledged ids missing from `stored`, and those stored more than once. */
export function compareIds(
  acked: string[],
  stored: string[],
): { lost: string[]; duplicated: string[]; ackedTwice: string[] } {
  const count = new Map<string, number>();
  for (const id of stored) count.set(id, (count.get(id) ?? 0) + 1);
  const seen = new Set<string>();
  const ackedTwice: string[] = [];
  for (const id of acked) {
    if (seen.has(id)) ackedTwice.push(id);
    seen.add(id);
  }
  return {
    lost: [...seen].filter((id) => !count.has(id)),
    duplicated: [...count].filter(([, n]) => n > 1).map(([id]) => id),
    ackedTwice,
  };
}

/** Waits until each of `moving` has had a welcome after the ones it had; returns the ms. */
export async function rewelcomed(moving: ReconnectingClient[], ms = RECONNECT_MS): Promise<number> {
  const before = moving.map((c) => c.welcomes);
  const started = Date.now();
  await Promise.all(moving.map((c, i) => c.until(() => c.welcomes > before[i]!, ms, 'reconnect')));
  return Date.now() - started;
}

/** Polls `probe` every 100 ms until it returns a value; throws after `ms`. */
export async function waitUntil<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await sleep(100);
  }
}

/** GET /readyz on `base`. */
export const readyz = (base: string) => call(base, 'GET', '/readyz');

/** Waits for /readyz on `base` to answer 503; returns that answer. */
export const readyzDown = (base: string) =>
  waitUntil(async () => {
    const r = await readyz(base);
    return r.status === 503 ? r : undefined;
  });

/** Waits for /readyz on `base` to answer 200 (and `also()` to hold). */
export const readyzUp = (base: string, ms = 10_000, also: () => boolean = () => true) =>
  waitUntil(async () => ((await readyz(base)).status === 200 && also() ? true : undefined), ms);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
