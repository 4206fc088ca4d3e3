import type { ServerMessage } from '@gomeet/protocol';
import WebSocket from 'ws';

/** One HTTP call; never throws on a status, only on a network failure. */
export async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed, retryAfter: res.headers.get('retry-after') };
}

/**
 * A participant's socket that behaves like the web app: on an unexpected close it reconnects
 * (to the next of `bases`, as a load balancer would), every 200 ms, until a welcome arrives.
 */
export class ReconnectingClient {
  received: ServerMessage[] = [];
  welcomes = 0;
  /** The instance this client's socket is on now. */
  base = '';
  /** Each reconnect's time in ms: from the unexpected close to the next welcome. */
  reconnects: number[] = [];
  private droppedAt: number | undefined;
  private ws: WebSocket | undefined;
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly bases: () => string[],
    private readonly meeting: string,
    private readonly token: string,
    /** Which of `bases` to try first (spreads clients over the instances). */
    private turn = 0,
  ) {}

  /** Connects and waits for the first welcome. */
  async start(): Promise<void> {
    this.connect();
    await this.until(() => this.welcomes > 0, 10_000, 'a first welcome');
  }

  /** Resolves once `test` holds, checked on every message and close; rejects after `ms`. */
  until(test: () => boolean, ms: number, what: string): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
      const check = () => {
        if (!test()) return this.waiters.push(check);
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  /** Who is in the lobby as this (host's) socket sees it: its last welcome, then lobby events. */
  lobby(): string[] {
    const last = this.received.findLastIndex((m) => m.type === 'welcome');
    const welcome = this.received[last];
    const waiting = new Set(
      welcome?.type === 'welcome' ? (welcome.lobby ?? []).map((e) => e.identity) : [],
    );
    for (const m of this.received.slice(last + 1)) {
      if (m.type === 'lobby.waiting') waiting.add(m.entry.identity);
      if (m.type === 'lobby.left') waiting.delete(m.identity);
    }
    return [...waiting];
  }

  /** This socket's identity, from its first welcome. */
  identity(): string | undefined {
    const welcome = this.received.find((m) => m.type === 'welcome');
    return welcome?.type === 'welcome' ? welcome.you.identity : undefined;
  }

  close(): void {
    this.closed = true;
    this.ws?.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private connect(): void {
    const list = this.bases();
    const base = list[this.turn++ % list.length]!;
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws`);
    this.ws = ws;
    this.base = base;
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'hello', v: 1, meeting: this.meeting, token: this.token })),
    );
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      this.received.push(message);
      if (message.type === 'welcome') {
        this.welcomes += 1;
        if (this.droppedAt !== undefined) this.reconnects.push(Date.now() - this.droppedAt);
        this.droppedAt = undefined;
      }
      this.wake();
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      this.wake();
      if (this.closed || this.ws !== ws) return;
      this.droppedAt ??= Date.now();
      setTimeout(() => this.connect(), 200);
    });
  }
}
