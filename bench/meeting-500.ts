/**
 * The 500-person meeting on this machine. GoMeet and LiveKit run on 192.0.2.1 in a test network
 * namespace (the bench re-runs itself inside one); real @livekit/rtc-node media bots join one
 * meeting through the public API in growing steps (2 publishers with simulcast video + audio,
 * everyone else subscribing to all video and audio) until the machine's CPU saturates or
 * frames stop arriving; then the meeting is filled to 500 with control-plane clients (API +
 * socket + a LiveKit connection without media) next to the largest media step that fitted.
 * Prints, per step: video subscriber streams, SFU CPU (its /proc), streams per core, CPU per
 * stream, forwarded Mbps (LiveKit's livekit_packet_bytes), frame delivery, and the slope.
 *
 *   npx tsx bench/meeting-500.ts                         (a few minutes; stops on its own)
 *   npx tsx bench/meeting-500.ts --steps 10,25,50 --hold 10 --total 500
 *
 * The bots share the 2 cores with LiveKit (they encode and decode real VP8), so the machine
 * saturates on the bots long before LiveKit does: the per-stream SFU figures are what carry
 * over to a dedicated media node; the "streams per core" of a bigger node is extrapolated.
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startInTestNetns } from '@gomeet/testing';
import { runLoadtest } from '../apps/ops/src/commands/loadtest/run.js';
import type { LoadtestReport } from '../apps/ops/src/commands/loadtest/report.js';
import { readProc } from '../apps/ops/src/commands/loadtest/stats.js';
import { startMediaStack, type MediaStack } from '../apps/ops/test/support/media-stack.js';

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '10,25,50,100' },
    hold: { type: 'string', default: '15' },
    total: { type: 'string', default: '500' },
    publishers: { type: 'string', default: '2' },
    fps: { type: 'string', default: '15' },
    'frame-sample': { type: 'string', default: '60' },
  },
});

/** LiveKit's own statement of the work (docs.livekit.io/deploy/benchmark, "Measuring performance"). */
const LIVEKIT_PUBLISHED = [
  'LiveKit (docs.livekit.io/deploy/benchmark): "the main proxy for how much work the server is doing is total forwarded bitrate"',
  '  = per-track bitrate × tracks published × subscribers; their example: 6 publishers × 600 kbps × 100 subscribers ≈ 360 Mbps;',
  '  their benchmarks run lk load-test (720p simulcast video, keyframes ~3 s) against one 16-core compute-optimized instance, each room on one node.',
];

interface Step {
  bots: number;
  control: number;
  videoStreams: number;
  sfuCores: number | null;
  forwardedMbps: number | null;
  machineBusy: number;
  frameShare: number;
  joined: number;
  report: LoadtestReport;
}

// CPU seconds of this run's own processes (bots and GoMeet here, LiveKit in its /proc) against
// the machine's capacity: other work on a shared machine does not count towards saturation.
async function cpuTimes(sfuPid: number): Promise<{ busy: number; total: number }> {
  const own = process.cpuUsage();
  const sfu = await readProc(sfuPid).catch(() => ({ cpuSeconds: 0 }));
  return {
    busy: (own.user + own.system) / 1e6 + sfu.cpuSeconds,
    total: (performance.now() / 1000) * cpus().length,
  };
}

async function bytesOut(metricsUrl: string): Promise<number | null> {
  const text = await fetch(metricsUrl).then(
    (r) => r.text(),
    () => '',
  );
  let sum = 0;
  let found = false;
  for (const m of text.matchAll(/^livekit_packet_bytes\{([^}]*)\} ([0-9.e+]+)$/gm)) {
    if (m[1]!.includes('direction="outgoing"')) {
      sum += Number(m[2]);
      found = true;
    }
  }
  return found ? sum : null;
}

async function runStep(stack: MediaStack, bots: number, control: number): Promise<Step> {
  const publishers = Number(args.publishers);
  let cpu0 = { busy: 0, total: 0 };
  let cpu1 = { busy: 0, total: 1 };
  let bytes0: number | null = null;
  let bytes1: number | null = null;
  let t0 = 0;
  let t1 = 1;
  const report = await runLoadtest(
    {
      target: new URL(`http://192.0.2.1:${new URL(stack.url).port}`),
      meetings: 1,
      participants: bots + control,
      publishers,
      controlOnly: control,
      ramp: control ? 15 : 10,
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
      startBot: (await import('../apps/ops/src/commands/loadtest/media.js')).startMediaBot,
      progress: (line) => process.stderr.write(`\r\x1b[K  ${bots}+${control}: ${line}`),
      onSteady: async (phase) => {
        if (phase === 'start') {
          [cpu0, bytes0, t0] = [
            await cpuTimes(stack.livekit.child.pid!),
            await bytesOut(stack.livekit.metricsUrl),
            performance.now(),
          ];
        } else {
          [cpu1, bytes1, t1] = [
            await cpuTimes(stack.livekit.child.pid!),
            await bytesOut(stack.livekit.metricsUrl),
            performance.now(),
          ];
        }
      },
    },
  );
  process.stderr.write('\n');
  const mediaJoined = report.participants.joined - report.participants.control;
  const videoStreams =
    Math.max(0, mediaJoined - publishers) * publishers + publishers * (publishers - 1);
  const seconds = (t1 - t0) / 1000;
  return {
    bots,
    control,
    videoStreams,
    sfuCores: report.sfu.cpuCores,
    forwardedMbps:
      bytes0 !== null && bytes1 !== null ? ((bytes1 - bytes0) * 8) / seconds / 1e6 : null,
    machineBusy: (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total),
    frameShare: mediaJoined ? report.subscribersWithFrames / mediaJoined : 0,
    joined: report.participants.joined,
    report,
  };
}

function kbpsPerStream(s: Step): number | null {
  return s.forwardedMbps !== null && s.videoStreams
    ? (s.forwardedMbps * 1000) / s.videoStreams
    : null;
}

function print(steps: Step[]): void {
  const f = (n: number | null, d = 1) => (n === null ? '—' : n.toFixed(d));
  console.log(
    '\nmedia bots | control | joined | video streams | SFU cores | streams/core | SFU mcores/stream | forwarded Mbps | Mbps/core | our CPU share of the machine | media participants with video | kbps per stream',
  );
  for (const s of steps) {
    const perCore = s.sfuCores ? s.videoStreams / s.sfuCores : null;
    console.log(
      [
        s.bots,
        s.control,
        s.joined,
        s.videoStreams,
        f(s.sfuCores, 3),
        f(perCore, 0),
        f(s.sfuCores && s.videoStreams ? (s.sfuCores * 1000) / s.videoStreams : null, 2),
        f(s.forwardedMbps),
        f(s.forwardedMbps && s.sfuCores ? s.forwardedMbps / s.sfuCores : null, 0),
        `${Math.round(s.machineBusy * 100)}%`,
        `${Math.round(s.frameShare * 100)}%`,
        f(kbpsPerStream(s), 0),
      ].join(' | '),
    );
  }
  const media = steps.filter((s) => s.control === 0 && s.sfuCores !== null && s.videoStreams > 0);
  for (let i = 1; i < media.length; i += 1) {
    const a = media[i - 1]!;
    const b = media[i]!;
    const slope = ((b.sfuCores! - a.sfuCores!) * 1000) / (b.videoStreams - a.videoStreams);
    console.log(
      `slope ${a.videoStreams}→${b.videoStreams} streams: ${slope.toFixed(2)} SFU mcores per added stream`,
    );
  }
  const last = steps.at(-1);
  if (last?.control) {
    const r = last.report;
    console.log(
      `500-person meeting: ${r.participants.joined}/${r.participants.planned} joined (${last.bots} media bots, ${last.control} control-plane with a LiveKit connection); ` +
        `join p50/p95/p99 ${r.joinLatencyMs.p50}/${r.joinLatencyMs.p95}/${r.joinLatencyMs.p99} ms; chat fan-out p50/p99 ${r.chat.latencyMs.p50}/${r.chat.latencyMs.p99} ms ` +
        `(${r.chat.deliveries}/${r.chat.expectedDeliveries}); SFU ${r.sfu.cpuCores} cores, RSS ${r.sfu.peakRssMiB} MiB`,
    );
  }
  for (const line of LIVEKIT_PUBLISHED) console.log(line);
}

const f0 = (n: number | null) => (n === null ? '—' : n.toFixed(0));

async function inside(): Promise<void> {
  const stack = await startMediaStack();
  const steps: Step[] = [];
  try {
    let fitted = 0;
    let baseline: number | null = null;
    for (const bots of args.steps.split(',').map(Number)) {
      const step = await runStep(stack, bots, 0);
      steps.push(step);
      console.log(
        `step ${bots} bots: ${step.videoStreams} streams, SFU ${step.sfuCores} cores, our processes ${Math.round(step.machineBusy * 100)}% of the machine, video reached ${Math.round(step.frameShare * 100)}% of media participants, ${f0(kbpsPerStream(step))} kbps per stream, ${f0(step.forwardedMbps)} Mbps forwarded`,
      );
      const kbps = kbpsPerStream(step);
      baseline ??= kbps;
      // Saturated: our processes use the machine, someone got no video, or each stream thins out.
      if (
        step.machineBusy > 0.9 ||
        step.frameShare < 0.9 ||
        step.joined < bots ||
        (kbps !== null && baseline !== null && kbps < baseline * 0.5)
      ) {
        console.log(`  saturated at ${bots} media bots: stop growing`);
        break;
      }
      fitted = bots;
    }
    const total = Number(args.total);
    const bots = Math.max(fitted, Number(args.publishers) + 1);
    steps.push(await runStep(stack, bots, total - bots));
  } finally {
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
  const code = await ns.exited;
  process.exitCode = code ?? 1;
}
