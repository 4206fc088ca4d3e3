/**
 * Idle authenticated sockets on one signaling process: RSS per socket and heartbeat CPU.
 * Target (DESIGN.md): 50,000 sockets in under 1 GiB RSS. Prints figures; asserts nothing.
 *
 *   npx tsc -b services/signaling && npx tsx bench/socket-capacity.ts --sockets 10000
 *   npx tsx bench/socket-capacity.ts --sockets 50000 --per-meeting 50 --heartbeat-ms 5000
 *
 * The server runs in a child process (so its RSS is the server's only) over a throwaway
 * redis-server (live state and bus live there, as in production). The clients run in other
 * child processes, at most --per-client sockets each, so each has its own open-files limit,
 * and child k connects from 127.0.0.(k+2) so no source address runs out of ephemeral ports.
 * The server needs one file descriptor per socket, under its shell's `ulimit -n` (at most
 * `ulimit -Hn`; raising the hard limit needs CAP_SYS_RESOURCE). When --sockets cannot fit, it
 * opens as many as the limit leaves room for and says so.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROTOCOL_VERSION } from '@gomeet/protocol';
import { startRedis } from '@gomeet/testing';
import WebSocket from 'ws';

const { values: args } = parseArgs({
  options: {
    sockets: { type: 'string', default: '50000' },
    'per-meeting': { type: 'string', default: '50' },
    'heartbeat-ms': { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '200' },
    'per-client': { type: 'string', default: '8000' },
    serve: { type: 'boolean', default: false },
    client: { type: 'boolean', default: false },
    redis: { type: 'string' },
  },
});
const SOCKETS = Number(args.sockets);
const PER_MEETING = Number(args['per-meeting']);
const HEARTBEAT_MS = Number(args['heartbeat-ms']);
const PER_CLIENT = Number(args['per-client']);

/** What the server child reports. */
interface Stats {
  rss: number;
  heapUsed: number;
  external: number;
  cpuMicros?: number;
  wallMs?: number;
}

type FromChild =
  | {
      type: 'ready';
      url: string;
      meetings: string[];
      tokens: string[];
      baseline: Stats;
      limit: string;
      hardLimit: number;
    }
  | { type: 'stats'; stats: Stats };

/** One client process's share: sockets [from, from + tokens.length), from one source address. */
interface Share {
  type: 'open';
  url: string;
  from: number;
  address: string;
  meetings: string[];
  tokens: string[];
}

/** What a client process reports once its sockets are open (or refused). */
interface Opened {
  type: 'opened';
  open: number;
  failures: Record<number, number>;
}

/** This process's open-files limits and how many descriptors it holds now, from /proc. */
async function openFiles(): Promise<{ soft: number; hard: number; used: number }> {
  const { readFile, readdir } = await import('node:fs/promises');
  const limits = await readFile('/proc/self/limits', 'utf8');
  const row = limits.split('\n').find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (row?.match(/\d+|unlimited/g) ?? []).map((v) =>
    v === 'unlimited' ? Infinity : Number(v),
  );
  const used = (await readdir('/proc/self/fd')).length;
  return { soft: soft ?? Infinity, hard: hard ?? Infinity, used };
}

/** Descriptors kept free in the server for everything but client sockets (Redis, timers…). */
const FD_SLACK = 64;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Child: the signaling server, its roster and tokens; answers stats requests over IPC. */
async function serve(): Promise<void> {
  const platform = await import('@gomeet/platform');
  const { createTestTokens } = await import('@gomeet/testing');
  const { buildApp } = await import('@gomeet/signaling');
  const redis = platform.openRedis(args.redis ?? '', 'bench-capacity');
  const live = platform.createRedisLiveState(redis, 'cap:');
  const tokens = await createTestTokens();
  const app = buildApp({
    bus: platform.createRedisBus(redis),
    live,
    rateLimiter: platform.createRedisRateLimiter(redis, 'cap:rl:'),
    verifier: tokens.verifier,
    metrics: platform.createMetrics(),
    heartbeatMs: HEARTBEAT_MS,
    logLevel: false,
  });
  const url = `${(await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws')}/ws`;
  const meetings: string[] = [];
  const issued: string[] = [];
  const files = await openFiles();
  const fit = Math.min(SOCKETS, files.soft - files.used - FD_SLACK);
  for (let i = 0; i < fit; i++) {
    const code = `cap-${Math.floor(i / PER_MEETING)}`;
    if (i % PER_MEETING === 0) meetings.push(code);
    const actor = tokens.user(`P${i}`);
    await platform.roster.put(live, code, {
      ...{ identity: actor.id, userId: actor.id, name: actor.name },
      ...{ role: 'participant', state: 'joined', at: new Date().toISOString() },
    });
    issued.push(await tokens.issue(actor, '2h'));
  }
  const stats = (): Stats => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
  };
  const limit = `${files.soft}/${files.hard} (soft/hard), ${files.used} in use before clients`;
  process.send?.({
    ...{ type: 'ready', url, meetings, tokens: issued, baseline: stats(), limit },
    hardLimit: files.hard,
  });
  issued.length = 0;
  process.on('message', (msg: { type: string; periods?: number }) => {
    if (msg.type === 'stats') process.send?.({ type: 'stats', stats: stats() });
    if (msg.type === 'cpu') {
      const [cpu0, t0] = [process.cpuUsage(), performance.now()];
      setTimeout(
        () => {
          const cpu = process.cpuUsage(cpu0);
          const s = {
            ...stats(),
            cpuMicros: cpu.user + cpu.system,
            wallMs: performance.now() - t0,
          };
          process.send?.({ type: 'stats', stats: s });
        },
        HEARTBEAT_MS * (msg.periods ?? 3),
      );
    }
    if (msg.type === 'exit') void app.close().then(() => process.exit(0));
  });
}

function ask(child: ChildProcess, message: object): Promise<FromChild> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as FromChild));
    child.send(message);
  });
}

/** Opens one socket and says hello; resolves with the close code if it closes before welcome. */
function open(url: string, code: string, token: string, address: string) {
  return new Promise<WebSocket | number>((resolve) => {
    const ws = new WebSocket(url, { localAddress: address, perMessageDeflate: false });
    ws.once('error', () => undefined);
    ws.once('close', (closeCode) => resolve(closeCode));
    ws.on('message', (data: Buffer) => {
      if (data.includes('"welcome"')) resolve(ws);
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, meeting: code, token })),
    );
  });
}

/** Parent: starts Redis and the server, opens the sockets, prints figures. */
async function main(): Promise<void> {
  const redis = await startRedis();
  const child = fork(
    fileURLToPath(import.meta.url),
    [...process.argv.slice(2), '--serve', '--redis', redis.url],
    {
      execArgv: ['--expose-gc', '--import', 'tsx'],
    },
  );
  const children: ChildProcess[] = [];
  try {
    type Ready = Extract<FromChild, { type: 'ready' }>;
    const ready = await new Promise<Ready>((r) => child.once('message', (m) => r(m as Ready)));
    const { url, meetings, tokens, baseline } = ready;
    console.log(
      `socket capacity: ${SOCKETS} sockets, ${PER_MEETING} per meeting, heartbeat ${HEARTBEAT_MS} ms`,
    );
    console.log(
      `server baseline            rss ${mib(baseline.rss)}  heap ${mib(baseline.heapUsed)}`,
    );
    console.log(`server open files          ${ready.limit}`);
    if (tokens.length < SOCKETS)
      console.log(
        `(!) ${SOCKETS} sockets cannot be opened in one process here: it may hold at most ${ready.hardLimit} descriptors ` +
          `(ulimit -Hn; raising the hard limit needs CAP_SYS_RESOURCE). Measuring ${tokens.length}; the ${SOCKETS} figure below is a projection`,
      );
    const shares = Math.ceil(tokens.length / PER_CLIENT);
    const started = performance.now();
    const clients = Array.from({ length: shares }, (_, k) => {
      const client = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--client'], {
        execArgv: ['--import', 'tsx'],
      });
      const from = k * PER_CLIENT;
      const share: Share = {
        ...{ type: 'open', url, from, address: `127.0.0.${k + 2}`, meetings },
        tokens: tokens.slice(from, from + PER_CLIENT),
      };
      return { client, opened: ask(client, share) as unknown as Promise<Opened> };
    });
    children.push(...clients.map((c) => c.client));
    const reports = await Promise.all(clients.map((c) => c.opened));
    const seconds = (performance.now() - started) / 1000;
    const connected = reports.reduce((n, r) => n + r.open, 0);
    const failures = new Map<number, number>();
    for (const r of reports)
      for (const [code, n] of Object.entries(r.failures))
        failures.set(Number(code), (failures.get(Number(code)) ?? 0) + n);
    if (failures.size > 0)
      console.log(`closed before welcome (code: count)`, Object.fromEntries(failures));
    console.log(
      `connected                  ${connected} sockets in ${seconds.toFixed(1)} s (${(connected / seconds).toFixed(0)}/s) from ${shares} client processes`,
    );
    await sleep(3000);
    const { stats } = (await ask(child, { type: 'stats' })) as Extract<
      FromChild,
      { type: 'stats' }
    >;
    const perSocket = (stats.rss - baseline.rss) / connected;
    console.log(
      `server with sockets        rss ${mib(stats.rss)}  heap ${mib(stats.heapUsed)}  external ${mib(stats.external)}`,
    );
    console.log(
      `per socket                 rss ${(perSocket / 1024).toFixed(1)} KiB  heap ${((stats.heapUsed - baseline.heapUsed) / connected / 1024).toFixed(1)} KiB`,
    );
    console.log(
      `projected 50,000 sockets   rss ${mib(baseline.rss + perSocket * 50_000)} (target < 1024 MiB)`,
    );
    const periods = 3;
    const cpu = (await ask(child, { type: 'cpu', periods })) as Extract<
      FromChild,
      { type: 'stats' }
    >;
    const cpuMs = (cpu.stats.cpuMicros ?? 0) / 1000;
    console.log(
      `idle CPU over ${periods} heartbeats   ${cpuMs.toFixed(0)} ms in ${((cpu.stats.wallMs ?? 0) / 1000).toFixed(1)} s ` +
        `= ${(cpuMs / periods).toFixed(1)} ms per heartbeat (${((100 * cpuMs) / (cpu.stats.wallMs ?? 1)).toFixed(2)}% of a core at ${HEARTBEAT_MS} ms; ` +
        `${((100 * cpuMs) / periods / 25_000).toFixed(2)}% at the default 25 s)`,
    );
    const alive = await Promise.all(clients.map((c) => ask(c.client, { type: 'count' })));
    const open = (alive as unknown as Opened[]).reduce((n, r) => n + r.open, 0);
    console.log(`still open after heartbeats ${open}/${connected}`);
  } finally {
    for (const c of children) c.send({ type: 'exit' });
    child.send({ type: 'exit' });
    await new Promise((r) => child.once('exit', r));
    await redis.stop();
  }
}

/** Client child: opens its share of sockets, reports, keeps them open until told to exit. */
function runClient(): void {
  const sockets: WebSocket[] = [];
  const count = (): Opened => ({
    type: 'opened',
    open: sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length,
    failures: {},
  });
  process.on('message', (msg: Share | { type: 'count' | 'exit' }) => {
    if (msg.type === 'count') process.send?.(count());
    if (msg.type === 'exit') {
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    }
    if (msg.type !== 'open') return;
    const failures: Record<number, number> = {};
    let next = 0;
    const worker = async () => {
      while (next < msg.tokens.length) {
        const i = next++;
        const meeting = msg.meetings[Math.floor((msg.from + i) / PER_MEETING)] ?? '';
        const result = await open(msg.url, meeting, msg.tokens[i] ?? '', msg.address);
        if (typeof result === 'number') failures[result] = (failures[result] ?? 0) + 1;
        else sockets.push(result);
      }
    };
    const shares = Math.max(1, Math.ceil(SOCKETS / PER_CLIENT));
    const workers = Array.from(
      { length: Math.max(20, Math.ceil(Number(args.concurrency) / shares)) },
      worker,
    );
    void Promise.all(workers).then(() => process.send?.({ ...count(), failures }));
  });
}

if (args.serve) await serve();
else if (args.client) runClient();
else await main();
