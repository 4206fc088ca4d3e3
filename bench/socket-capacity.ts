/**
 * Idle authenticated sockets on one signaling process: RSS per socket and heartbeat CPU.
 * Target (DESIGN.md): 50,000 sockets in under 1 GiB RSS. Prints figures; asserts nothing.
 *
 *   npx tsc -b services/signaling && npx tsx bench/socket-capacity.ts --sockets 10000
 *   npx tsx bench/socket-capacity.ts --sockets 50000 --per-meeting 50 --heartbeat-ms 5000
 *
 * The server runs in a child process (so its RSS is the server's only) over a throwaway
 * redis-server (live state and bus live there, as in production). Clients connect from
 * 127.0.0.1…127.0.0.N (localAddress) so no source address runs out of ephemeral ports.
 * Each side needs one file descriptor per socket: raise `ulimit -n` above --sockets (+ slack)
 * if you see EMFILE.
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
    serve: { type: 'boolean', default: false },
    redis: { type: 'string' },
  },
});
const SOCKETS = Number(args.sockets);
const PER_MEETING = Number(args['per-meeting']);
const HEARTBEAT_MS = Number(args['heartbeat-ms']);
const SOURCES_PER_ADDRESS = 20_000;

/** What the server child reports. */
interface Stats {
  rss: number;
  heapUsed: number;
  external: number;
  cpuMicros?: number;
  wallMs?: number;
}

type FromChild =
  | { type: 'ready'; url: string; meetings: string[]; tokens: string[]; baseline: Stats }
  | { type: 'stats'; stats: Stats };

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
  for (let i = 0; i < SOCKETS; i++) {
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
  process.send?.({ type: 'ready', url, meetings, tokens: issued, baseline: stats() });
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
function open(url: string, code: string, token: string, i: number): Promise<WebSocket | number> {
  const address = `127.0.0.${1 + Math.floor(i / SOURCES_PER_ADDRESS)}`;
  return new Promise((resolve) => {
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
    const sockets: WebSocket[] = [];
    const started = performance.now();
    const concurrency = Number(args.concurrency);
    let next = 0;
    const failures = new Map<number, number>();
    const worker = async () => {
      while (next < tokens.length) {
        const i = next++;
        const meeting = meetings[Math.floor(i / PER_MEETING)] ?? '';
        const result = await open(url, meeting, tokens[i] ?? '', i);
        if (typeof result === 'number') failures.set(result, (failures.get(result) ?? 0) + 1);
        else sockets.push(result);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    if (failures.size > 0)
      console.log(`closed before welcome (code: count)`, Object.fromEntries(failures));
    console.log(
      `connected                  ${sockets.length} sockets in ${seconds.toFixed(1)} s (${(sockets.length / seconds).toFixed(0)}/s)`,
    );
    await sleep(3000);
    const { stats } = (await ask(child, { type: 'stats' })) as Extract<
      FromChild,
      { type: 'stats' }
    >;
    const perSocket = (stats.rss - baseline.rss) / sockets.length;
    console.log(
      `server with sockets        rss ${mib(stats.rss)}  heap ${mib(stats.heapUsed)}  external ${mib(stats.external)}`,
    );
    console.log(
      `per socket                 rss ${(perSocket / 1024).toFixed(1)} KiB  heap ${((stats.heapUsed - baseline.heapUsed) / sockets.length / 1024).toFixed(1)} KiB`,
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
    const alive = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
    console.log(`still open after heartbeats ${alive}/${sockets.length}`);
    for (const ws of sockets) ws.terminate();
  } finally {
    child.send({ type: 'exit' });
    await new Promise((r) => child.once('exit', r));
    await redis.stop();
  }
}

if (args.serve) await serve();
else await main();
