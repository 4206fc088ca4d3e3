import type { Participant, ParticipantKind } from './participant.js';
import type { LoadtestInput } from './run.js';
import {
  distribution,
  summarizeSfu,
  type Distribution,
  type SfuSample,
  type SfuUsage,
} from './stats.js';

/** Per-participant traffic means of one kind, from the bots' transport stats. */
export interface Traffic {
  participants: number;
  bytesSent: number;
  bytesReceived: number;
  packetsSent: number;
  packetsReceived: number;
}

/** `gomeet-ops loadtest --format json`. */
export interface LoadtestReport {
  generatedAt: string;
  target: string;
  input: Omit<LoadtestInput, 'target'>;
  durationS: number;
  participants: { planned: number; joined: number; failed: number } & Record<
    ParticipantKind,
    number
  >;
  joinLatencyMs: Distribution;
  livekitConnectMs: Distribution;
  /** LiveKit connected → first decoded remote video frame, per subscriber. */
  timeToFirstFrameMs: Distribution;
  subscribersWithFrames: number;
  videoFramesReceived: number;
  chat: { sent: number; expectedDeliveries: number; deliveries: number; latencyMs: Distribution };
  reactions: {
    sent: number;
    expectedDeliveries: number;
    deliveries: number;
    latencyMs: Distribution;
  };
  perParticipant: Record<ParticipantKind, Traffic>;
  sfu: SfuUsage;
  errors: { message: string; count: number }[];
}

interface ReportInput {
  input: LoadtestInput;
  participants: Participant[];
  chat: { sent: number; expected: number; latencies: number[] };
  reactions: { sent: number; expected: number; latencies: number[] };
  errors: string[];
  sfu: { source: SfuUsage['source']; samples: SfuSample[] };
  durationS: number;
}

const KINDS: ParticipantKind[] = ['publisher', 'subscriber', 'control'];

function traffic(ps: Participant[]): Traffic {
  const media = ps.map((p) => p.result.media).filter((m) => m !== null);
  const mean = (f: (m: (typeof media)[number]) => number) =>
    media.length ? Math.round(media.reduce((n, m) => n + f(m), 0) / media.length) : 0;
  return {
    participants: media.length,
    bytesSent: mean((m) => m.bytesSent),
    bytesReceived: mean((m) => m.bytesReceived),
    packetsSent: mean((m) => m.packetsSent),
    packetsReceived: mean((m) => m.packetsReceived),
  };
}

/** Folds what every participant saw into the report. */
export function buildReport(r: ReportInput): LoadtestReport {
  const { target, ...input } = r.input;
  const ps = r.participants;
  const joined = ps.filter((p) => p.result.joined);
  const subscribers = joined.filter((p) => p.result.kind !== 'control');
  const counts = new Map<string, number>();
  for (const e of [...ps.map((p) => p.result.error).filter((e) => e !== null), ...r.errors])
    counts.set(e, (counts.get(e) ?? 0) + 1);
  const byKind = (k: ParticipantKind) => ps.filter((p) => p.result.kind === k);
  return {
    generatedAt: new Date().toISOString(),
    target: target.href,
    input,
    durationS: Math.round(r.durationS * 10) / 10,
    participants: {
      planned: r.input.meetings * r.input.participants,
      joined: joined.length,
      failed:
        ps.length -
        joined.length +
        Math.max(0, r.input.meetings * r.input.participants - ps.length),
      publisher: byKind('publisher').length,
      subscriber: byKind('subscriber').length,
      control: byKind('control').length,
    },
    joinLatencyMs: distribution(joined.map((p) => p.result.joinMs!)),
    livekitConnectMs: distribution(joined.map((p) => p.result.connectMs!)),
    timeToFirstFrameMs: distribution(
      subscribers.map((p) => p.result.media?.firstFrameMs).filter((v) => v != null),
    ),
    subscribersWithFrames: subscribers.filter((p) => (p.result.media?.videoFrames ?? 0) > 0).length,
    videoFramesReceived: joined.reduce((n, p) => n + (p.result.media?.videoFrames ?? 0), 0),
    chat: {
      sent: r.chat.sent,
      expectedDeliveries: r.chat.expected,
      deliveries: r.chat.latencies.length,
      latencyMs: distribution(r.chat.latencies),
    },
    reactions: {
      sent: r.reactions.sent,
      expectedDeliveries: r.reactions.expected,
      deliveries: r.reactions.latencies.length,
      latencyMs: distribution(r.reactions.latencies),
    },
    perParticipant: Object.fromEntries(KINDS.map((k) => [k, traffic(byKind(k))])) as Record<
      ParticipantKind,
      Traffic
    >,
    sfu: summarizeSfu(r.sfu.source, r.sfu.samples),
    errors: [...counts].map(([message, count]) => ({ message, count })),
  };
}

const ms = (d: Distribution) =>
  d.count ? `p50 ${d.p50} ms  p95 ${d.p95} ms  p99 ${d.p99} ms  (n=${d.count})` : 'none';
const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;

/** The summary table of text output. */
export function renderReport(r: LoadtestReport): string[] {
  const p = r.participants;
  const lines = [
    `loadtest ${r.target}: ${r.input.meetings} meetings × ${r.input.participants} participants, ${r.durationS} s`,
    `  joined              ${p.joined}/${p.planned} (${p.publisher} publishers, ${p.subscriber} subscribers, ${p.control} control-only), failed ${p.failed}`,
    `  join latency        ${ms(r.joinLatencyMs)}`,
    `  LiveKit connect     ${ms(r.livekitConnectMs)}`,
    `  first frame         ${ms(r.timeToFirstFrameMs)}; ${r.subscribersWithFrames} subscribers got video (${r.videoFramesReceived} frames)`,
    `  chat fan-out        ${ms(r.chat.latencyMs)}; ${r.chat.deliveries}/${r.chat.expectedDeliveries} deliveries of ${r.chat.sent} messages`,
    `  reaction fan-out    ${ms(r.reactions.latencyMs)}; ${r.reactions.deliveries}/${r.reactions.expectedDeliveries}`,
  ];
  for (const [kind, t] of Object.entries(r.perParticipant))
    if (t.participants)
      lines.push(
        `  per ${kind.padEnd(15)} sent ${kib(t.bytesSent)} / ${t.packetsSent} pkts, received ${kib(t.bytesReceived)} / ${t.packetsReceived} pkts`,
      );
  lines.push(
    `  SFU                 ${r.sfu.source === 'none' ? 'not measured (give --sfu-metrics or --sfu-pid)' : `${r.sfu.cpuCores} cores, peak RSS ${r.sfu.peakRssMiB} MiB (${r.sfu.source})`}`,
  );
  for (const e of r.errors) lines.push(`  error ×${e.count}: ${e.message}`);
  return lines;
}
