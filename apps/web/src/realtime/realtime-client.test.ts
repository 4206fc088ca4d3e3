import { CLOSE, type ServerMessage } from '@gomeet/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient, type RealtimeEnd, type RealtimeStatus } from './realtime-client';

class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(m: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const welcome: ServerMessage = {
  type: 'welcome',
  v: 1,
  you: { identity: 'u1', role: 'participant', state: 'joined' },
  participants: [],
  hands: [],
  locked: false,
};

function start() {
  const statuses: RealtimeStatus[] = [];
  const ends: RealtimeEnd[] = [];
  const tokens: boolean[] = [];
  const client = new RealtimeClient({
    meeting: 'abc-defg-hij',
    url: 'ws://test/ws',
    token: async ({ refresh }) => {
      tokens.push(refresh);
      return refresh ? 'fresh' : 'tok';
    },
    onMessage: () => undefined,
    onStatus: (s) => statuses.push(s),
    onEnd: (e) => ends.push(e),
  });
  client.start();
  return { client, statuses, ends, tokens };
}

const latest = () => FakeSocket.all.at(-1) as FakeSocket;

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { addEventListener: vi.fn(), removeEventListener: vi.fn() });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the realtime client', () => {
  it('says hello with the meeting and token as its first frame', async () => {
    start();
    await vi.runOnlyPendingTimersAsync();
    latest().open();
    expect(latest().sent[0]).toEqual({
      type: 'hello',
      v: 1,
      meeting: 'abc-defg-hij',
      token: 'tok',
    });
  });

  it('comes back with backoff when the server goes away, and opens again on welcome', async () => {
    const { statuses } = start();
    await vi.runOnlyPendingTimersAsync();
    latest().open();
    latest().receive(welcome);
    latest().drop(CLOSE.GOING_AWAY);
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    latest().receive(welcome);
    expect(statuses.at(-1)).toBe('open');
  });

  it.each([
    [CLOSE.REMOVED, 'removed'],
    [CLOSE.ENDED, 'ended'],
    [CLOSE.REPLACED, 'elsewhere'],
    [CLOSE.FORBIDDEN, 'forbidden'],
    [CLOSE.SESSION_REVOKED, 'unauthenticated'],
  ] as const)('stops for good on close code %i', async (code, end) => {
    const { ends } = start();
    await vi.runOnlyPendingTimersAsync();
    latest().open();
    latest().drop(code);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ends).toEqual([end]);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('refreshes a rejected token once, then gives up', async () => {
    const { ends, tokens } = start();
    await vi.runOnlyPendingTimersAsync();
    latest().drop(CLOSE.UNAUTHENTICATED);
    await vi.runOnlyPendingTimersAsync();
    latest().open();
    expect(latest().sent[0]).toMatchObject({ token: 'fresh' });
    latest().drop(CLOSE.UNAUTHENTICATED);
    expect(tokens).toEqual([false, true]);
    expect(ends).toEqual(['unauthenticated']);
  });
});
