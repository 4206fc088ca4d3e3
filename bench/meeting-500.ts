/**
 * The 500-person meeting on this machine, at several sizes. GoMeet and LiveKit run on 192.0.2.1
 * in a test network namespace (the bench re-runs itself inside one). For each size (10, 25, 50,
 * 100, 200, 500 by default) one meeting fills through the public API: up to --max-bots real
 * @livekit/rtc-node media bots (3 publishers sending simulcast VP8 + audio, the others
 * subscribing to every video and audio), the rest control-plane clients (guest pass, join,
 * realtime socket and an rtc-node LiveKit connection that publishes and subscribes nothing, held
 * in --workers processes of their own). A media step
 * that saturates the machine (someone got no video, or not everyone joined) lowers the number
 * of media bots for the sizes after it.
 *
 * Prints per size: participants joined (and as LiveKit counts them), subscriber streams, SFU CPU
 * and RSS (LiveKit's /proc), CPU per stream, streams per core, forwarded Mbps and packets/s
 * (LiveKit's /metrics), the slope between sizes and where it bends; then LiveKit's published
 * benchmark in the same units.
 *
 *   flock /work/notes/bench.lock npx tsx bench/meeting-500.ts      (about 8–12 min; stops on its own)
 *   npx tsx bench/meeting-500.ts --sizes 25,50 --max-bots 25 --hold 10
 *
 * The bots share this machine's cores with LiveKit (they encode and decode real VP8), so the
 * machine saturates on the bots long before LiveKit does: the per-stream and per-participant
 * SFU figures are what carry over to a dedicated media node.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startInTestNetns } from '@gomeet/testing';
import { publishedLines } from '../apps/ops/src/capacity/livekit-published.js';
import {
  startControlPool,
  type ControlPool,
} from '../apps/ops/src/commands/loadtest/control-pool.js';
import { runLoadtest } from '../apps/ops/src/commands/loadtest/run.js';
import type { LoadtestReport } from '../apps/ops/src/commands/loadtest/report.js';
import { readProc } from '../apps/ops/src/commands/loadtest/stats.js';
import { startMediaStack, type MediaStack } from '../apps/ops/test/support/media-stack.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,25,50,100,200,500' },
    'max-bots': { type: 'string', default: '25' },
    publishers: { type: 'string', default: '3' },
    hold: { type: 'string', default: '20' },
    /** Joins per second of the sizes that are mostly control-plane clients. */
    ramp: { type: 'string', default: '10' },
    fps: { type: 'string', default: '15' },
    'frame-sample': { type: 'string', default: '60' },
    /** Processes holding the control-plane clients' LiveKit connections. */
    workers: { type: 'string', default: '4' },
    /** The whole run's bound, minutes: sizes not started by then are skipped. */
    budget: { type: 'string', default: '14' },
  },
});
const PUBLISHERS = Number(args.publishers);

/** LiveKit's counters read at the start and end of a step's steady phase. */
interface Counters {
  at: number;
  /** CPU seconds of this process (media bots, GoMeet) and LiveKit; the control workers not counted. */
  ownCpu: number;
  bytesOut: number | null;
  packetsOut: number | null;
  participants: number | null;
}

interface Step {
  size: number;
  bots: number;
  control: number;
  joined: number;
  /** Participants LiveKit itself counted in the steady phase. */
  livekitParticipants: number | null;
  mediaJoined: number;
  videoStreams: number;
  audioStreams: number;
  sfuCores: number | null;
  sfuRssMiB: number | null;
  forwardedMbps: number | null;
  packetsOut: number | null;
  /** This process's and LiveKit's share of the whole machine (others' work excluded). */
  machineBusy: number;
  frameShare: number;
  report: LoadtestReport;
}

/** Sum of a LiveKit counter's outgoing series, or null when the metric is absent. */
function outgoing(text: string, metric: string): number | null {
  let sum: number | null = null;
  for (const m of text.matchAll(new RegExp(`^${metric}\\{([^}]*)\\} ([0-9.e+]+)$`, 'gm')))
    if (m[1]!.includes('direction="outgoing"')) sum = (sum ?? 0) + Number(m[2]);
  return sum;
}

async function counters(stack: MediaStack): Promise<Counters> {
  const own = process.cpuUsage();
  const sfu = await readProc(stack.livekit.child.pid!).catch(() => ({ cpuSeconds: 0 }));
  const text = await fetch(stack.livekit.metricsUrl).then(
    (r) => r.text(),
    () => '',
  );
  const gauge = /^livekit_participant_total(?:\{[^}]*\})? ([0-9.e+]+)$/m.exec(text);
  return {
    at: performance.now(),
    ownCpu: (own.user + own.system) / 1e6 + sfu.cpuSeconds,
    bytesOut: outgoing(text, 'livekit_packet_bytes'),
    packetsOut: outgoing(text, 'livekit_packet_total'),
    participants: gauge ? Number(gauge[1]) : null,
  };
}

/** LiveKit reports its packet counters a few seconds after media starts: wait (≤ 6 s) for them. */
async function countersOnceReported(stack: MediaStack): Promise<Counters> {
  for (let i = 0; i < 12; i += 1) {
    const c = await counters(stack);
    if (c.packetsOut !== null) return c;
    await new Promise((r) => setTimeout(r, 500));
  }
  return counters(stack);
}

const rate = (a: number | null, b: number | null, seconds: number) =>
  a !== null && b !== null ? (b - a) / seconds : null;

async function runStep(
  stack: MediaStack,
  pool: ControlPool,
  size: number,
  bots: number,
  signal: AbortSignal,
): Promise<Step> {
  const control = size - bots;
  let start: Counters | undefined;
  let end: Counters | undefined;
  const { startMediaBot } = await import('../apps/ops/src/commands/loadtest/media.js');
  const report = await runLoadtest(
    {
      target: new URL(`http://192.0.2.1:${new URL(stack.url).port}`),
      meetings: 1,
      participants: size,
      publishers: PUBLISHERS,
      controlOnly: control,
      ramp: Number(control > bots ? args.ramp : 8),
      durationS: Number(args.hold),
      chatRate: 1,
      reactions: 0,
      lobby: false,
      videoPage: 9,
      width: 640,
      height: 360,
      fps: Number(args.fps),
      frameSample: Number(args['frame-sample']),
      sfuPid: stack.livekit.child.pid!,
    },
    {
      fetch,
      startBot: (url, token, plan) =>
        plan.publish || plan.subscribe ? startMediaBot(url, token, plan) : pool.start(url, token),
      signal,
      progress: (line) => process.stderr.write(`\r\x1b[K  ${size} (${bots} media): ${line}`),
      onSteady: async (phase) => {
        if (phase === 'end') end = await counters(stack);
        else start = await countersOnceReported(stack);
      },
    },
  );
  process.stderr.write('\n');
  const mediaJoined =
    report.perParticipant.publisher.participants + report.perParticipant.subscriber.participants;
  const publishing = Math.min(PUBLISHERS, mediaJoined);
  const seconds = start && end ? (end.at - start.at) / 1000 : 0;
  const packets = seconds && start && end ? rate(start.packetsOut, end.packetsOut, seconds) : null;
  const bytes = seconds && start && end ? rate(start.bytesOut, end.bytesOut, seconds) : null;
  // Every media participant receives each publisher's video and audio but its own.
  const videoStreams = publishing * (mediaJoined - 1);
  return {
    size,
    bots,
    control,
    joined: report.participants.joined,
    livekitParticipants: end?.participants ?? null,
    mediaJoined,
    videoStreams,
    audioStreams: videoStreams,
    sfuCores: report.sfu.cpuCores,
    sfuRssMiB: report.sfu.peakRssMiB,
    forwardedMbps: bytes === null ? null : (bytes * 8) / 1e6,
    packetsOut: packets,
    machineBusy:
      start && end ? (end.ownCpu - start.ownCpu) / (seconds * cpus().length) : Number.NaN,
    frameShare: mediaJoined > PUBLISHERS ? report.subscribersWithFrames / mediaJoined : 0,
    report,
  };
}

/** Errors grouped by their text with numbers (handles, ports) blanked, most frequent first. */
function errorSummary(r: LoadtestReport): string {
  const groups = new Map<string, number>();
  for (const e of r.errors) {
    const key = e.message.replace(/\d+/g, 'N').slice(0, 160);
    groups.set(key, (groups.get(key) ?? 0) + e.count);
  }
  return [...groups]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${n}× ${m}`)
    .join('; ');
}

const f = (n: number | null, d = 1) => (n === null || !Number.isFinite(n) ? '—' : n.toFixed(d));
const streams = (s: Step) => s.videoStreams + s.audioStreams;

function print(steps: Step[]): void {
  console.log(
    '\nsize | media bots | control | joined (LiveKit counted) | subscriber streams (video+audio) | SFU cores | SFU RSS MiB | mcores per stream | streams per core | forwarded Mbps | packets/s out | packets/s per core | video reached | our share of the machine',
  );
  for (const s of steps) {
    const n = streams(s);
    console.log(
      [
        s.size,
        s.bots,
        s.control,
        `${s.joined} (${s.livekitParticipants ?? '—'})`,
        `${n} (${s.videoStreams}+${s.audioStreams})`,
        f(s.sfuCores, 3),
        f(s.sfuRssMiB, 0),
        f(s.sfuCores && n ? (s.sfuCores * 1000) / n : null, 2),
        f(s.sfuCores ? n / s.sfuCores : null, 0),
        f(s.forwardedMbps),
        f(s.packetsOut, 0),
        f(s.packetsOut && s.sfuCores ? s.packetsOut / s.sfuCores : null, 0),
        `${Math.round(s.frameShare * 100)}%`,
        `${Math.round(s.machineBusy * 100)}%`,
      ].join(' | '),
    );
  }
  printSlopes(steps);
  const big = steps.at(-1);
  if (big) {
    const r = big.report;
    console.log(
      `largest meeting: ${r.participants.joined}/${r.participants.planned} joined (${big.bots} media bots, ${big.control} control-plane), LiveKit counted ${big.livekitParticipants ?? '—'}; ` +
        `join p50/p95/p99 ${r.joinLatencyMs.p50}/${r.joinLatencyMs.p95}/${r.joinLatencyMs.p99} ms; chat fan-out p50/p99 ${r.chat.latencyMs.p50}/${r.chat.latencyMs.p99} ms ` +
        `(${r.chat.deliveries}/${r.chat.expectedDeliveries}); errors: ${errorSummary(r) || 'none'}`,
    );
  }
  for (const line of publishedLines()) console.log(line);
}

/**
 * Slopes between consecutive sizes: per added stream where the streams grew, per added
 * participant where only control-plane clients were added. The bend is the first segment whose
 * marginal cost is more than twice the one before it.
 */
function printSlopes(steps: Step[]): void {
  const ok = steps.filter((s) => s.sfuCores !== null);
  let previous: number | null = null;
  let bend: string | null = null;
  for (let i = 1; i < ok.length; i += 1) {
    const a = ok[i - 1]!;
    const b = ok[i]!;
    const dCores = (b.sfuCores! - a.sfuCores!) * 1000;
    const dStreams = streams(b) - streams(a);
    const dPeople = b.joined - a.joined;
    const [per, unit] = dStreams > 0 ? [dStreams, 'added stream'] : [dPeople, 'added participant'];
    if (per <= 0) continue;
    const slope = dCores / per;
    console.log(
      `slope ${a.size}→${b.size}: ${slope.toFixed(2)} SFU mcores per ${unit} (${f(dCores, 0)} mcores for ${per})`,
    );
    if (previous !== null && previous > 0 && slope > 2 * previous && !bend)
      bend = `${a.size}→${b.size}`;
    previous = slope;
  }
  const saturated = steps.find((s) => s.frameShare < 0.9 || s.joined < s.size);
  console.log(
    `bend: ${bend ? `marginal SFU cost more than doubles at ${bend}` : 'none in the SFU across these sizes'}` +
      (saturated
        ? `; the machine saturated at size ${saturated.size} (${saturated.joined}/${saturated.size} joined, video reached ${Math.round(saturated.frameShare * 100)} % of media participants)`
        : ''),
  );
}

async function inside(): Promise<void> {
  const budget = AbortSignal.timeout(Number(args.budget) * 60_000);
  const stack = await startMediaStack();
  const pool = startControlPool(Number(args.workers));
  const steps: Step[] = [];
  try {
    let maxBots = Number(args['max-bots']);
    for (const size of args.sizes.split(',').map(Number)) {
      if (budget.aborted) {
        console.log(`size ${size}: skipped, the run's ${args.budget}-minute budget is spent`);
        continue;
      }
      const bots = Math.max(PUBLISHERS + 1, Math.min(size, maxBots));
      const step = await runStep(stack, pool, size, bots, budget);
      steps.push(step);
      console.log(
        `size ${size}: ${step.joined}/${size} joined (${bots} media bots), LiveKit counted ${step.livekitParticipants ?? '—'}, ${streams(step)} subscriber streams, SFU ${f(step.sfuCores, 3)} cores / ${f(step.sfuRssMiB, 0)} MiB, video reached ${Math.round(step.frameShare * 100)} %, our processes ${Math.round(step.machineBusy * 100)} % of the machine (load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')})`,
      );
      // Saturated on media: fewer media bots for the sizes after this one.
      if (step.frameShare < 0.9 || step.mediaJoined < bots) {
        maxBots = Math.max(PUBLISHERS + 1, Math.floor(step.mediaJoined * 0.8));
        console.log(`  saturated with ${bots} media bots: ${maxBots} from here on`);
      }
    }
  } finally {
    await pool.close();
    await stack.close();
    const { dispose } = await import('@livekit/rtc-node');
    await dispose();
  }
  print(steps);
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
  // A backstop beyond the inner budget: stopping LiveKit and the bots must not hang the run.
  const backstop = setTimeout(() => void ns.stop(), (Number(args.budget) + 3) * 60_000);
  const code = await ns.exited;
  clearTimeout(backstop);
  process.exitCode = code ?? 1;
}
