import {
  CLOSE,
  PROTOCOL_VERSION,
  serverMessage,
  type ClientMessage,
  type ServerMessage,
} from '@gomeet/protocol';

/** Why the socket stopped for good: no reconnect follows. */
export type RealtimeEnd = 'removed' | 'ended' | 'elsewhere' | 'forbidden' | 'unauthenticated';

export type RealtimeStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface RealtimeClientOptions {
  meeting: string;
  /** A fresh GoMeet access token (account or guest) for each hello. */
  token: (opts: { refresh: boolean }) => Promise<string | null>;
  onMessage: (message: ServerMessage) => void;
  onStatus: (status: RealtimeStatus) => void;
  onEnd: (end: RealtimeEnd) => void;
  /** Defaults to ws(s)://<this origin>/ws. */
  url?: string;
}

const BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];
const PING_MS = 20_000;
/** No frame (not even our pong) for this long: the connection is dead, start again. */
const SILENCE_MS = 50_000;

const TERMINAL: Partial<Record<number, RealtimeEnd>> = {
  [CLOSE.REMOVED]: 'removed',
  [CLOSE.ENDED]: 'ended',
  [CLOSE.REPLACED]: 'elsewhere',
  [CLOSE.FORBIDDEN]: 'forbidden',
  [CLOSE.NOT_FOUND]: 'forbidden',
  [CLOSE.BAD_REQUEST]: 'forbidden',
  // Signed out (here or on another device): a refresh cannot help, the person signs in again.
  [CLOSE.SESSION_REVOKED]: 'unauthenticated',
};

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/ws`;
}

/**
 * One participant's WebSocket to signaling: says hello, reconnects with backoff when the
 * server goes away or the network drops, and stops for good on removed / ended / replaced /
 * forbidden. A rejected token is refreshed once before giving up.
 */
export class RealtimeClient {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private refreshed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;

  constructor(private readonly options: RealtimeClientOptions) {}

  start(): void {
    window.addEventListener('online', this.reconnectNow);
    void this.open(false);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close(1000, 'bye');
    this.options.onStatus('closed');
  }

  /** Sends a frame if the socket is open; state frames are re-sent by their owners on welcome. */
  send(message: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  private readonly reconnectNow = () => {
    if (this.stopped || this.ws?.readyState === WebSocket.OPEN) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    void this.open(false);
  };

  private async open(refresh: boolean): Promise<void> {
    if (this.stopped) return;
    this.options.onStatus(this.attempt === 0 && !this.lastFrameAt ? 'connecting' : 'reconnecting');
    let token: string | null;
    try {
      token = await this.options.token({ refresh });
    } catch {
      return this.retry();
    }
    if (this.stopped) return;
    if (!token) return this.end('unauthenticated');
    const ws = new WebSocket(this.options.url ?? socketUrl());
    this.ws = ws;
    ws.onopen = () => {
      ws.send(
        JSON.stringify({
          type: 'hello',
          v: PROTOCOL_VERSION,
          meeting: this.options.meeting,
          token,
        }),
      );
    };
    ws.onmessage = (event) => this.receive(ws, event);
    ws.onclose = (event) => this.closed(ws, event.code);
  }

  private receive(ws: WebSocket, event: MessageEvent): void {
    if (ws !== this.ws || typeof event.data !== 'string') return;
    this.lastFrameAt = Date.now();
    let parsed: ServerMessage;
    try {
      parsed = serverMessage.parse(JSON.parse(event.data));
    } catch {
      return; // a frame this client does not know yet: ignore it rather than fail
    }
    if (parsed.type === 'welcome') {
      this.attempt = 0;
      this.refreshed = false;
      this.options.onStatus('open');
      this.startPings(ws);
    }
    this.options.onMessage(parsed);
  }

  private startPings(ws: WebSocket): void {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (ws !== this.ws) return;
      if (Date.now() - this.lastFrameAt > SILENCE_MS) ws.close(4000, 'silent');
      else this.send({ type: 'ping' });
    }, PING_MS);
  }

  private closed(ws: WebSocket, code: number): void {
    if (ws !== this.ws || this.stopped) return;
    this.ws = null;
    clearInterval(this.pingTimer);
    const end = TERMINAL[code];
    if (end) return this.end(end);
    if (code === CLOSE.UNAUTHENTICATED) {
      if (this.refreshed) return this.end('unauthenticated');
      this.refreshed = true;
      void this.open(true);
      return;
    }
    // 1001 going away, 1006 network, 4408 idle, 1013 try later: come back with backoff.
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    this.options.onStatus('reconnecting');
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 15_000;
    this.attempt += 1;
    // Jitter spreads a whole meeting's reconnects after a deploy over the backoff window.
    const wait = base / 2 + Math.random() * base;
    this.retryTimer = setTimeout(() => void this.open(false), wait);
  }

  private end(end: RealtimeEnd): void {
    this.stop();
    this.options.onEnd(end);
  }
}
