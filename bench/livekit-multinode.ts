/**
 * Two LiveKit nodes over one real redis-server, in a test network namespace (192.0.2.1 and
 * 192.0.2.3): rooms are placed on both nodes, every participant of a room lands on the room's
 * node (even when its signal connection goes to the other node), and a drained node (SIGTERM)
 * takes no new rooms while its old rooms go on until they end, then it exits on its own.
 * Prints each check and exits 1 if one fails.
 *
 *   npx tsx bench/livekit-multinode.ts              (about a minute; stops on its own)
 *   npx tsx bench/livekit-multinode.ts --rooms 6
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startInTestNetns, startRedis, stopChild } from '@gomeet/testing';
import { AccessToken } from 'livekit-server-sdk';
import type { MediaBot } from '../apps/ops/src/commands/loadtest/media.js';
import {
  startLiveKitNode,
  TEST_LIVEKIT_KEYS,
  type LiveKitNode,
} from '../apps/ops/test/support/livekit-node.js';

const { values: args } = parseArgs({ options: { rooms: { type: 'string', default: '6' } } });
const ROOMS = Number(args.rooms);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function token(room: string, identity: string): Promise<string> {
  const t = new AccessToken(TEST_LIVEKIT_KEYS.apiKey, TEST_LIVEKIT_KEYS.apiSecret, { identity });
  t.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
  return t.toJwt();
}

/** This node's own gauges: rooms it hosts and participant sessions it holds (signal or media). */
async function hosted(node: LiveKitNode): Promise<{ rooms: number; participants: number }> {
  const text = await fetch(node.metricsUrl).then(
    (r) => r.text(),
    () => '',
  );
  const gauge = (name: string) =>
    [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} ([0-9.e+]+)$`, 'gm'))].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  return { rooms: gauge('livekit_room_total'), participants: gauge('livekit_participant_total') };
}

/** Remote ICE candidate addresses of a bot's peer connections: the node its media goes through. */
async function mediaAddresses(bot: MediaBot): Promise<string[]> {
  if (!bot.room) return [];
  const stats = await bot.room.getRtcStats();
  const out = new Set<string>();
  for (const s of [...stats.publisherStats, ...stats.subscriberStats])
    if (s.stats.case === 'remoteCandidate' && s.stats.value.candidate?.address)
      out.add(s.stats.value.candidate.address);
  return [...out];
}

let failures = 0;
function check(ok: boolean, text: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  if (!ok) failures += 1;
}

async function inside(): Promise<void> {
  // A second address on the server end: two nodes, two node IPs, one namespace.
  spawnSync('ip', ['addr', 'add', '192.0.2.3/24', 'dev', 'v0']);
  const { startMediaBot } = await import('../apps/ops/src/commands/loadtest/media.js');
  const redis = await startRedis();
  const extra = ['node_selector:', '  kind: any', '  sort_by: rooms'];
  const nodeOptions = (address: string, base: number) => ({
    address,
    port: base,
    metricsPort: base + 10,
    tcpPort: base + 1,
    udpPort: base + 2,
    redisUrl: redis.url,
    extra,
  });
  const a = await startLiveKitNode(nodeOptions('192.0.2.1', 17880));
  const b = await startLiveKitNode(nodeOptions('192.0.2.3', 27880));
  const bots: { room: string; bot: MediaBot }[] = [];
  const plan = {
    publish: true,
    subscribe: true,
    videoPage: 9,
    width: 320,
    height: 180,
    fps: 10,
    frameSample: 20,
  };
  const join = async (room: string, i: number, via: LiveKitNode) => {
    const bot = await startMediaBot(via.url, await token(room, `p${i}`), {
      ...plan,
      publish: i === 0,
    });
    bots.push({ room, bot });
  };
  try {
    // Rooms one after another, each first joined through alternating nodes; the second
    // participant always signals through the other node.
    for (let r = 0; r < ROOMS; r += 1) {
      const [first, second] = r % 2 ? [b, a] : [a, b];
      await join(`room-${r}`, 0, first);
      await join(`room-${r}`, 1, second);
    }
    await sleep(4000);
    const [ha, hb] = [await hosted(a), await hosted(b)];
    console.log(
      `node A 192.0.2.1: ${ha.rooms} rooms, ${ha.participants} participants; node B 192.0.2.3: ${hb.rooms} rooms, ${hb.participants} participants`,
    );
    check(
      ha.rooms > 0 && hb.rooms > 0,
      `rooms placed on both nodes (${ha.rooms} + ${hb.rooms} = ${ROOMS})`,
    );
    check(ha.rooms + hb.rooms === ROOMS, 'every room hosted once');
    // Where media flows: the node address each bot's peer connections use (its ICE remote candidates).
    const byRoom = new Map<string, Set<string>>();
    for (const x of bots) {
      const set = byRoom.get(x.room) ?? new Set<string>();
      for (const address of await mediaAddresses(x.bot)) set.add(address);
      byRoom.set(x.room, set);
    }
    const placements = [...byRoom].map(([room, set]) => `${room}@${[...set].join('+')}`);
    console.log(`media placement: ${placements.join(', ')}`);
    check(
      [...byRoom.values()].every((set) => set.size === 1),
      "each room's participants all send and receive media on one node, whichever node they signalled through",
    );
    const used = new Set([...byRoom.values()].flatMap((set) => [...set]));
    check(used.has('192.0.2.1') && used.has('192.0.2.3'), 'media flows through both nodes');
    const withVideo = bots.filter((x) => x.bot.media.videoFrames > 0).length;
    check(
      withVideo === ROOMS,
      `every subscriber receives video across the relay (${withVideo}/${ROOMS})`,
    );

    // Drain B: SIGTERM makes LiveKit stop taking rooms and wait for its rooms to end.
    const bRooms = hb.rooms;
    b.child.kill('SIGTERM');
    await sleep(2000);
    for (let r = ROOMS; r < ROOMS + 3; r += 1) await join(`room-${r}`, 0, a);
    await sleep(3000);
    const [ha2, hb2] = [await hosted(a), await hosted(b)];
    check(
      ha2.rooms === ha.rooms + 3,
      `new rooms go to A while B drains (A ${ha.rooms} → ${ha2.rooms})`,
    );
    check(
      b.child.exitCode === null && hb2.rooms === bRooms,
      `B keeps its ${bRooms} old rooms while draining (${hb2.rooms})`,
    );
    // The old rooms end: B's participants leave, and B exits on its own.
    const startedLeaving = performance.now();
    await Promise.all(bots.map((x) => x.bot.stop()));
    bots.length = 0;
    const exited = await Promise.race([
      new Promise<boolean>((r) => b.child.once('exit', () => r(true))),
      sleep(40_000).then(() => b.child.exitCode !== null),
    ]);
    check(
      exited,
      `drained node exits on its own once its rooms are empty (${((performance.now() - startedLeaving) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await Promise.all(bots.map((x) => x.bot.stop()));
    await a.stop();
    await b.stop();
    await stopChild(redis.process);
    const { dispose } = await import('@livekit/rtc-node');
    await dispose();
  }
  console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
  process.exitCode = failures ? 1 : 0;
}

if (process.env.GOMEET_BENCH_NETNS === '1') {
  await inside();
} else {
  const ns = startInTestNetns(
    [process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { env: { ...process.env, GOMEET_BENCH_NETNS: '1', NODE_ENV: 'production' }, stdio: 'inherit' },
  );
  // The namespace runs detached (its own process group): pass Ctrl-C / SIGTERM on to it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void ns.stop());
  process.exitCode = (await Promise.race([ns.exited, sleep(180_000).then(() => null)])) ?? 1;
  await ns.stop();
}
