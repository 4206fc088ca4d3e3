/**
 * Join-token issuance against a bare Fastify route, same process, same machine, same run.
 * Target (docs/DESIGN): POST /api/meetings/:code/join at least 0.3x the throughput of GET /hello.
 *
 *   npx tsx bench/join-token.ts        (after `npm run build`: workspace packages load from dist)
 *   BENCH_ROUNDS=3 BENCH_SECONDS=2.5 BENCH_CONNECTIONS=50 BENCH_DATABASE_URL=postgres://… npx tsx bench/join-token.ts
 *
 * The load generator runs in a worker thread, off the servers' event loop. Hello and join are
 * measured in alternating rounds, so a change in background load hits both alike.
 */
import os from 'node:os';
import { createInProcessBus, migrate, openDatabase } from '@gomeet/platform';
import { createTestTokens } from '@gomeet/testing';
import { buildApp, meetingMigrations } from '@gomeet/meeting';
import autocannon from 'autocannon';
import Fastify from 'fastify';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2.5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Distinct users joining: each keeps one open attendance row, so re-joins write no new row. */
const IDENTITIES = 10;
const TARGET = 0.3;

interface Totals {
  requests: number;
  seconds: number;
  p99: number;
  bad: number;
}

const empty = (): Totals => ({ requests: 0, seconds: 0, p99: 0, bad: 0 });

async function round(options: autocannon.Options, into: Totals): Promise<void> {
  const r = await autocannon({ ...options, duration: SECONDS });
  into.requests += r.requests.total;
  into.seconds += r.duration;
  into.p99 = Math.max(into.p99, r.latency.p99);
  into.bad += r.non2xx + r.errors + r.timeouts;
}

async function startHello() {
  const app = Fastify({ logger: false });
  app.get('/hello', () => ({ hello: 'world' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

async function startMeetings() {
  const dbUrl = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(dbUrl ? { url: dbUrl } : { dataDir: 'memory://' });
  await migrate(database.db, 'meeting', meetingMigrations);
  const bus = createInProcessBus();
  const tokens = await createTestTokens();
  const app = buildApp({
    db: database.db,
    bus,
    verifier: tokens.verifier,
    livekit: {
      url: 'ws://127.0.0.1:7880',
      apiKey: 'bench-key',
      apiSecret: 'bench-secret-bench-secret-bench-secret',
    },
    publicUrl: 'http://127.0.0.1:8080',
    logLevel: false,
  });
  const created = await app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: { authorization: `Bearer ${await tokens.issue()}` },
    payload: { title: 'Benchmark', settings: { lobby: false } },
  });
  if (created.statusCode !== 201) throw new Error(`could not create the meeting: ${created.body}`);
  const { code } = created.json<{ code: string }>();
  const joinTokens = await Promise.all(
    Array.from({ length: IDENTITIES }, () => tokens.issue({}, '1h')),
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async () => {
    await app.close();
    await bus.close();
    await database.close();
  };
  return { url, code, joinTokens, close, kind: database.kind };
}

function line(label: string, t: Totals): string {
  const rps = t.requests / t.seconds;
  const bad = t.bad > 0 ? `   (!) ${t.bad} failed or non-2xx` : '';
  return `${label.padEnd(40)} ${rps.toFixed(0).padStart(8)} req/s   p99 ${String(t.p99).padStart(4)} ms${bad}`;
}

async function main(): Promise<void> {
  const hello = await startHello();
  const meetings = await startMeetings();
  try {
    const common = { connections: CONNECTIONS, workers: 1 };
    const helloRun: autocannon.Options = { ...common, url: `${hello.url}/hello` };
    const joinRun: autocannon.Options = {
      ...common,
      url: `${meetings.url}/api/meetings/${meetings.code}/join`,
      // Each connection cycles through the users, so every identity joins over and over.
      requests: meetings.joinTokens.map((token) => ({
        method: 'POST' as const,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      })),
    };
    await autocannon({ ...helloRun, duration: 1 }); // warm-up: JIT, pools, caches
    await autocannon({ ...joinRun, duration: 1 });
    const h = empty();
    const j = empty();
    for (let i = 0; i < ROUNDS; i++) {
      await round(helloRun, h);
      await round(joinRun, j);
    }
    report(h, j, meetings.kind);
  } finally {
    await meetings.close();
    await hello.close();
  }
}

function report(h: Totals, j: Totals, kind: string): void {
  const ratio = j.requests / j.seconds / (h.requests / h.seconds);
  const pass = ratio >= TARGET && j.bad === 0;
  const load = os.loadavg()[0]?.toFixed(1) ?? '?';
  console.log(`\nJoin-token issuance vs a bare Fastify route (one process, loopback)`);
  console.log(
    `machine: ${os.cpus().length} cores, load average ${load} (other work on the machine skews both figures)`,
  );
  console.log(
    `load: autocannon in a worker thread, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s\n`,
  );
  console.log(line('hello  GET  /hello (bare Fastify)', h));
  console.log(line('join   POST /api/meetings/:code/join', j));
  console.log(
    `${'ratio  join / hello'.padEnd(40)} ${ratio.toFixed(2).padStart(8)}         target >= ${TARGET}   ${pass ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `\njoin = verify the EdDSA access token + one meeting lookup on ${kind === 'pglite' ? 'PGlite (in memory, in this process)' : 'PostgreSQL'}` +
      ` + sign the LiveKit token.\nattendance: ${IDENTITIES} identities re-joining; each one's first join wrote its attendance row` +
      ` (under the meeting's row lock), later joins find it open and write nothing.`,
  );
  // Missing the target is a finding, printed above; only broken responses make the run fail.
  if (j.bad + h.bad > 0) process.exitCode = 1;
}

await main();
