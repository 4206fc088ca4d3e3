import { randomBytes } from 'node:crypto';
import {
  createInProcessBus,
  createMemoryLiveState,
  createMemoryRateLimiter,
  createMetrics,
  roster,
  type Actor,
  type Bus,
  type LiveState,
  type RateLimiter,
  type RosterEntry,
} from '@gomeet/platform';
import { PROTOCOL_VERSION, type Role, type ServerMessage } from '@gomeet/protocol';
import { createTestTokens, type TestTokens } from '@gomeet/testing';
import WebSocket, { type ClientOptions } from 'ws';
import { buildApp } from '../src/index.js';

type Message<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** A real WebSocket client that records what it receives and can wait for it. */
export class TestClient {
  readonly received: ServerMessage[] = [];
  private readonly used = new Set<ServerMessage>();
  private listeners = new Set<() => void>();
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString('utf8')) as ServerMessage);
      for (const l of this.listeners) l();
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  hello(meeting: string, token: string): void {
    this.send({ type: 'hello', v: PROTOCOL_VERSION, meeting, token });
  }

  /** The next not yet consumed message of `type` (matching `where`), waiting up to `ms`. */
  next<T extends ServerMessage['type']>(
    type: T,
    where: (m: Message<T>) => boolean = () => true,
    ms = 3000,
  ): Promise<Message<T>> {
    const find = () => {
      const m = this.received.find(
        (x) => !this.used.has(x) && x.type === type && where(x as Message<T>),
      );
      if (m) this.used.add(m);
      return m as Message<T> | undefined;
    };
    const now = find();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no ${type} within ${ms} ms; got ${JSON.stringify(this.received)}`));
      }, ms);
      const check = () => {
        const m = find();
        if (!m) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(m);
      };
      this.listeners.add(check);
    });
  }

  /** Messages of `type` received and not consumed so far, after waiting `ms`. */
  async unconsumed(type: ServerMessage['type'], ms = 150): Promise<ServerMessage[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.received.filter((m) => !this.used.has(m) && m.type === type);
  }

  close(): void {
    this.ws.close();
  }
}

/** One running signaling instance on 127.0.0.1, port 0. */
export interface Instance {
  url: string;
  close(): Promise<void>;
  metrics: ReturnType<typeof createMetrics>;
}

/** Shared state of one "cluster": one bus, one live state, one set of token keys. */
export interface Cluster {
  bus: Bus;
  live: LiveState;
  rateLimiter: RateLimiter;
  tokens: TestTokens;
}

/** A one-process cluster: in-process bus and memory live state. */
export async function memoryCluster(): Promise<Cluster> {
  return {
    bus: createInProcessBus(),
    live: createMemoryLiveState(),
    rateLimiter: createMemoryRateLimiter(),
    tokens: await createTestTokens(),
  };
}

/** Starts a signaling instance over the cluster's shared state. */
export async function startInstance(
  cluster: Cluster,
  options: { heartbeatMs?: number; helloTimeoutMs?: number; bus?: Bus; publicUrl?: string } = {},
): Promise<Instance> {
  const metrics = createMetrics();
  const app = buildApp({
    bus: options.bus ?? cluster.bus,
    live: cluster.live,
    rateLimiter: cluster.rateLimiter,
    verifier: cluster.tokens.verifier,
    metrics,
    heartbeatMs: options.heartbeatMs ?? 5_000,
    helloTimeoutMs: options.helloTimeoutMs ?? 5_000,
    publicUrl: options.publicUrl,
    logLevel: false,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address.replace('http', 'ws')}/ws`, close: () => app.close(), metrics };
}

/** A fresh meeting code like "abc-defg-hij", so tests never share meetings. */
export function meetingCode(): string {
  const letters = (n: number) =>
    Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${letters(3)}-${letters(4)}-${letters(3)}`;
}

/** Writes `actor`'s roster entry the way meeting-service does. */
export async function putRoster(
  live: LiveState,
  code: string,
  actor: Actor,
  state: RosterEntry['state'],
  role: Role = 'participant',
): Promise<void> {
  await roster.put(live, code, {
    identity: actor.id,
    userId: actor.id,
    name: actor.name,
    role,
    state,
    at: new Date().toISOString(),
  });
}

/** A user in the roster of `code`, connected and welcomed. */
export async function joinAs(
  cluster: Cluster,
  instance: Instance,
  code: string,
  options: { name?: string; role?: Role; state?: RosterEntry['state']; actor?: Actor } = {},
): Promise<{ actor: Actor; client: TestClient; welcome: Message<'welcome'> }> {
  const actor = options.actor ?? cluster.tokens.user(options.name ?? 'Ada');
  if (!options.actor)
    await putRoster(cluster.live, code, actor, options.state ?? 'joined', options.role);
  const client = await TestClient.connect(instance.url);
  client.hello(code, await cluster.tokens.issue(actor));
  const welcome = await client.next('welcome');
  return { actor, client, welcome };
}
