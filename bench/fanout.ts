/**
 * Event fan-out to one 500-participant meeting: publish time → receipt at each socket.
 * Target (DESIGN.md): p99 under 50 ms on loopback. Prints p50/p99/max of every delivery and
 * of each event's last delivery, with one instance (in-process bus) and with two instances
 * over a real Redis (250 sockets each; the publisher is a third Redis client, like
 * meeting-service or chat-service).
 *
 *   npx tsc -b services/signaling && npx tsx bench/fanout.ts
 *   npx tsx bench/fanout.ts --clients 500 --events 20 --gap-ms 100
 *
 * Servers and clients share this process (one clock); everything is on 127.0.0.1.
 */
import { parseArgs } from 'node:util';
import {
  createInProcessBus,
  createMemoryLiveState,
  createMemoryRateLimiter,
  createMetrics,
  createRedisBus,
  createRedisLiveState,
  createRedisRateLimiter,
  openRedis,
  publishToMeeting,
  roster,
  type Bus,
  type LiveState,
  type RateLimiter,
} from '@gomeet/platform';
import { PROTOCOL_VERSION } from '@gomeet/protocol';
import { buildApp } from '@gomeet/signaling';
import { createTestTokens, startRedis, type TestTokens } from '@gomeet/testing';
import WebSocket from 'ws';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '500' },
    events: { type: 'string', default: '20' },
    'gap-ms': { type: 'string', default: '100' },
  },
});
const CLIENTS = Number(args.clients);
const EVENTS = Number(args.events);
const GAP_MS = Number(args['gap-ms']);
const TARGET_P99_MS = 50;
const WARMUP = 3;

interface Stores {
  live: LiveState;
  rateLimiter: RateLimiter;
  /** One bus per instance (Redis: one connection pair each), and one for the publisher. */
  bus: () => Bus;
  close: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function connect(url: string, code: string, token: string, onEvent: (seq: number) => void) {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, meeting: code, token }));
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString()) as { type: string; emoji?: string };
        if (m.type === 'welcome') resolve();
        else if (m.type === 'reaction' && m.emoji?.startsWith('#'))
          onEvent(Number(m.emoji.slice(1)));
      });
    });
  });
  return ws;
}

async function run(label: string, instances: number, stores: Stores, tokens: TestTokens) {
  const apps = [];
  const urls: string[] = [];
  for (let i = 0; i < instances; i++) {
    const app = buildApp({
      bus: stores.bus(),
      live: stores.live,
      rateLimiter: stores.rateLimiter,
      verifier: tokens.verifier,
      metrics: createMetrics(),
      logLevel: false,
    });
    urls.push(`${(await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws')}/ws`);
    apps.push(app);
  }
  const code = `fan-${Math.random().toString(36).slice(2, 6)}-out`;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const lastPerEvent = new Map<number, number>();
  const onEvent = (seq: number) => {
    if (seq < 0) return;
    const ms = performance.now() - (sentAt.get(seq) ?? NaN);
    latencies.push(ms);
    lastPerEvent.set(seq, Math.max(lastPerEvent.get(seq) ?? 0, ms));
  };
  const sockets: WebSocket[] = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(CLIENTS, i + 50); j++) {
      const actor = tokens.user(`P${j}`);
      await roster.put(stores.live, code, {
        identity: actor.id,
        userId: actor.id,
        name: actor.name,
        role: 'participant',
        state: 'joined',
        at: new Date().toISOString(),
      });
      batch.push(connect(urls[j % urls.length] ?? '', code, await tokens.issue(actor), onEvent));
    }
    sockets.push(...(await Promise.all(batch)));
  }
  await sleep(1500); // let the presence.joined storm of the joins settle
  const publisher = stores.bus();
  // A few unmeasured events first, so JIT warm-up is not counted as fan-out latency.
  for (let seq = -WARMUP; seq < EVENTS; seq++) {
    sentAt.set(seq, performance.now());
    await publishToMeeting(publisher, code, {
      type: 'reaction',
      identity: 'bench',
      emoji: `#${seq}`,
    });
    await sleep(GAP_MS);
  }
  for (let i = 0; i < 50 && latencies.length < CLIENTS * EVENTS; i++) await sleep(100);
  const all = [...latencies].sort((a, b) => a - b);
  const last = [...lastPerEvent.values()].sort((a, b) => a - b);
  if (process.env.BENCH_VERBOSE)
    console.log([...lastPerEvent].map(([s, ms]) => `${s}:${ms.toFixed(1)}`).join(' '));
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(28)} deliveries ${latencies.length}/${CLIENTS * EVENTS}  ` +
      `p50 ${f(percentile(all, 50))} ms  p99 ${f(percentile(all, 99))} ms  max ${f(all.at(-1) ?? NaN)} ms  ` +
      `| last-of-event p50 ${f(percentile(last, 50))} ms  p99 ${f(percentile(last, 99))} ms  ` +
      `${percentile(all, 99) < TARGET_P99_MS ? 'PASS' : 'MISS'} (p99 < ${TARGET_P99_MS} ms)`,
  );
  for (const ws of sockets) ws.terminate();
  for (const app of apps) await app.close();
  await stores.close();
}

const tokens = await createTestTokens();
console.log(`fan-out: ${CLIENTS} sockets in one meeting, ${EVENTS} events, ${GAP_MS} ms apart`);
await run(
  'one instance, in-process',
  1,
  {
    live: createMemoryLiveState(),
    rateLimiter: createMemoryRateLimiter(),
    bus: (() => {
      const shared = createInProcessBus();
      return () => shared;
    })(),
    close: async () => undefined,
  },
  tokens,
);

const redisServer = await startRedis();
const redis = openRedis(redisServer.url, 'bench-fanout');
const extra: ReturnType<typeof openRedis>[] = [];
const buses: Bus[] = [];
try {
  await run(
    'two instances, Redis',
    2,
    {
      live: createRedisLiveState(redis, 'bench:'),
      rateLimiter: createRedisRateLimiter(redis, 'bench:rl:'),
      bus: () => {
        const r = openRedis(redisServer.url, 'bench-fanout');
        extra.push(r);
        const bus = createRedisBus(r);
        buses.push(bus);
        return bus;
      },
      close: async () => {
        for (const bus of buses) await bus.close();
      },
    },
    tokens,
  );
} finally {
  for (const r of extra) r.disconnect();
  redis.disconnect();
  await new Promise((r) => setTimeout(r, 100));
  await redisServer.stop();
}
