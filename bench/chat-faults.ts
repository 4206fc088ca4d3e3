/**
 * No acknowledged chat message is lost through the four faults, at volume: the set-up of
 * apps/server/test/faults.test.ts (two all-in-one instances on a real PostgreSQL and Redis, a
 * host and guests with reconnecting sockets) with the per-person chat limit raised through
 * CHAT_MESSAGES_PER_WINDOW, so that senders push 10,000 acknowledged messages while Redis,
 * PostgreSQL, one instance and LiveKit are killed in turn (a fifth of the target before each
 * fault, the rest after the last). Then it pages the history and checks that every acknowledged
 * id is there exactly once. Prints the counts, the time and the longest reconnect; exits 1 on any
 * lost or duplicated message, any 5xx other than 503, or a reconnect over 5 s. Stops by itself
 * within 5 minutes.
 *
 *   npm run build && npx tsx bench/chat-faults.ts
 *   BENCH_CHAT_MESSAGES=20000 BENCH_CHAT_SENDERS=32 npx tsx bench/chat-faults.ts
 *
 * Needs redis-server, PostgreSQL's binaries (as for `npm test`) and .bin/livekit-server.
 */
import { ReconnectingClient } from '../apps/server/test/support/fault-clients.js';
import {
  compareIds,
  FaultCluster,
  historyIds,
  hostMeeting,
  joinAsGuest,
  newTally,
  readyzDown,
  readyzUp,
  RECONNECT_MS,
  rewelcomed,
  sendChat,
  sleep,
} from '../apps/server/test/support/fault-meeting.js';

const TARGET = Number(process.env.BENCH_CHAT_MESSAGES ?? 10_000);
const SENDERS = Number(process.env.BENCH_CHAT_SENDERS ?? 16);
/** Each sender's pause between posts: keeps the traffic spread over the faults. */
const SEND_EVERY_MS = Number(process.env.BENCH_CHAT_EVERY_MS ?? 5);
/** How long a dependency stays down: long enough for posts to meet the outage. */
const OUTAGE_MS = 1_500;
const BUDGET_MS = 290_000;

const started = Date.now();
const budget = setTimeout(() => {
  console.error(`chat-faults: not done within ${BUDGET_MS / 1000} s; stopping`);
  process.exit(1);
}, BUDGET_MS);

const { startGoMeet } = await import('@gomeet/server');
const cluster = await FaultCluster.start((env) => startGoMeet({ logLevel: false, env }), {
  // Far above what the senders reach in the 10 s window: the limit is not under test here.
  CHAT_MESSAGES_PER_WINDOW: '1000000',
});
const { a } = cluster;
const failures: string[] = [];
const clients: ReconnectingClient[] = [];
const tally = newTally();
let sending = true;
let senders: Promise<void>[] = [];
const faults: { name: string; ms: number; ackedDuring: number; reconnectMs?: number }[] = [];
/** The stopped instance's graceful close, awaited after the history check (it drains). */
let closing: Promise<void> | undefined;
let closeMs: number | undefined;

try {
  const { code, hostToken } = await hostMeeting(a.url, { lobby: false });
  const host = new ReconnectingClient(cluster.bases, code, hostToken);
  clients.push(host);
  await host.start();
  const tokens: string[] = [];
  for (let i = 0; i < SENDERS; i++) {
    const { token } = await joinAsGuest(cluster.bases()[i % 2]!, code, `Sender ${i}`);
    tokens.push(token);
    const client = new ReconnectingClient(cluster.bases, code, token, i);
    clients.push(client);
    await client.start();
  }
  senders = tokens.map((token, i) =>
    sendChat({
      bases: cluster.bases,
      code,
      token,
      name: `s${i}`,
      everyMs: SEND_EVERY_MS,
      running: () => sending,
      tally,
    }),
  );

  const ackedAtLeast = async (n: number) => {
    while (tally.acked.length < n) {
      if (Date.now() - started > BUDGET_MS - 30_000) throw new Error(`fewer than ${n} acked`);
      await sleep(50);
    }
  };
  const fault = async (name: string, k: number, run: () => Promise<number | undefined>) => {
    await ackedAtLeast((TARGET * k) / 5);
    const t0 = Date.now();
    const acked0 = tally.acked.length;
    const reconnectMs = await run();
    faults.push({
      name,
      ms: Date.now() - t0,
      ackedDuring: tally.acked.length - acked0,
      ...(reconnectMs !== undefined ? { reconnectMs } : {}),
    });
  };

  await fault('redis', 1, async () => {
    await cluster.redis.kill();
    const down = await readyzDown(a.url);
    if (!('redis' in (down.body.checks as object))) failures.push('/readyz did not name redis');
    await sleep(OUTAGE_MS);
    await cluster.redis.restart();
    await readyzUp(a.url);
    return undefined;
  });
  await fault('postgres', 2, async () => {
    await cluster.pg.kill();
    const down = await readyzDown(cluster.b!.url);
    if (!('database' in (down.body.checks as object)))
      failures.push('/readyz did not name the database');
    await sleep(OUTAGE_MS);
    await cluster.pg.restart();
    await readyzUp(cluster.b!.url);
    return undefined;
  });
  await fault('instance', 3, async () => {
    const gone = cluster.b!;
    const moving = clients.filter((c) => c.base === gone.url);
    cluster.b = undefined; // the "load balancer" now only knows instance a
    const t0 = Date.now();
    closing = gone.close().then(() => void (closeMs = Date.now() - t0));
    return rewelcomed(moving, 2 * RECONNECT_MS);
  });
  await fault('livekit', 4, async () => {
    const pid = a.livekitPid()!;
    process.kill(pid, 'SIGKILL');
    await readyzUp(a.url, 20_000, () => a.livekitPid() !== pid);
    return undefined;
  });
  await ackedAtLeast(TARGET);
  sending = false;
  await Promise.all(senders);
  const sendMs = Date.now() - started;

  const stored = await historyIds(a.url, code, hostToken);
  await closing;
  const { lost, duplicated, ackedTwice } = compareIds(tally.acked, stored);
  const longestReconnect = Math.max(0, ...clients.flatMap((c) => c.reconnects));
  const reconnects = clients.reduce((n, c) => n + c.reconnects.length, 0);
  if (lost.length)
    failures.push(`${lost.length} acknowledged messages lost: ${lost.slice(0, 5).join(', ')}`);
  if (duplicated.length) failures.push(`${duplicated.length} ids stored more than once`);
  if (ackedTwice.length) failures.push(`${ackedTwice.length} ids acknowledged twice`);
  if (tally.bad.length)
    failures.push(
      `${tally.bad.length} answers 5xx other than 503: ${JSON.stringify(tally.bad[0])}`,
    );
  if (longestReconnect > RECONNECT_MS)
    failures.push(`a reconnect took ${longestReconnect} ms (over ${RECONNECT_MS})`);

  console.log(
    [
      `chat-faults: ${tally.acked.length} acknowledged messages from ${SENDERS} senders, ` +
        `${stored.length} in the history, ${lost.length} lost, ${duplicated.length + ackedTwice.length} duplicated`,
      `  answers by status: ${JSON.stringify(Object.fromEntries([...tally.answers].sort()))}`,
      ...faults.map(
        (f) =>
          `  ${f.name.padEnd(8)} fault: ${(f.ms / 1000).toFixed(1)} s, ${f.ackedDuring} acknowledged meanwhile` +
          (f.reconnectMs !== undefined ? `, moved sockets re-welcomed in ${f.reconnectMs} ms` : ''),
      ),
      `  stopped instance closed in ${closeMs === undefined ? '(still closing)' : `${(closeMs / 1000).toFixed(1)} s`}`,
      `  sockets: ${clients.length}, reconnects ${reconnects}, longest reconnect ${longestReconnect} ms`,
      `  time: ${(sendMs / 1000).toFixed(1)} s sending through the faults, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s with the history check`,
    ].join('\n'),
  );
} catch (error) {
  failures.push(`aborted: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  sending = false;
  for (const c of clients) c.close();
  await Promise.all(senders);
  await closing?.catch(() => undefined);
  await cluster.close().catch(() => undefined);
  clearTimeout(budget);
}
for (const f of failures) console.error(`FAIL ${f}`);
process.exit(failures.length ? 1 : 0);
