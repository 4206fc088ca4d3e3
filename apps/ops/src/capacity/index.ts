/**
 * GoMeet's capacity model: what one LiveKit node, one signaling pod and the data tier carry,
 * from measured figures (docs/CAPACITY.md lists each with the command that reproduces it).
 * cost-monitor (plan, report, alert), setup-infrastructure --plan-expansion and scale-services
 * read it; change a measurement here and all of them follow.
 */
import { LIVEKIT_PUBLISHED, perCore } from './livekit-published.js';

/** LiveKit's livestream run: few publishers fanned out to thousands, like a 500-person meeting. */
const LIVESTREAM = perCore(LIVEKIT_PUBLISHED.find((r) => r.name.startsWith('livestream'))!);

/** What was measured, with where each figure comes from. */
export const MEASURED = {
  sfu: {
    /**
     * Forwarded media per LiveKit core: LiveKit's published livestream run (1 publisher, 3,000
     * subscribers at ~1.4 Mbps each: 4,248 Mbps out on 14.7 of 16 cores). Our own bench cannot
     * resolve this cost: on the shared 2-vCPU machine the bots saturate it at ~25 media
     * participants, where the 90 streams added between 10 and 25 bots moved LiveKit's CPU less
     * than its run-to-run noise (±0.03 core). LiveKit's proxy for SFU work is forwarded bitrate,
     * so the model prices participants by the Mbps they receive.
     */
    forwardedMbpsPerCore: Math.round(LIVESTREAM.mbpsPerCore),
    forwardingSource: 'LiveKit published benchmark, livestream row (livekit-published.ts)',
    /**
     * LiveKit CPU of a connected participant that sends and receives no media, in millicores:
     * bench/meeting-500.ts measured 0.13–0.58 mcores per added control-plane participant between
     * 50 and 500 (run of 2026-12-05); the upper half of that range is used.
     */
    mcoresPerIdleParticipant: 0.5,
    /** LiveKit RSS per participant holding real transports (25 → 166 participants: 165 → 415 MiB). */
    rssMiBPerParticipant: 1.8,
    source:
      'flock /work/notes/bench.lock npx tsx bench/meeting-500.ts (2 shared vCPU; docs/CAPACITY.md)',
  },
  signaling: {
    /** RSS of one idle authenticated socket, from the largest run (19,909 sockets in one process). */
    kibPerSocket: 12.4,
    source:
      'npx tsx bench/socket-capacity.ts --sockets 50000 (19,909 opened: open-files hard limit 20,000)',
  },
  fanout: {
    /** p99 of an event's delivery to every socket of a 500-person meeting, in ms. */
    p99Ms500: 50,
    source: 'npx tsx bench/fanout.ts --clients 500',
  },
} as const;

/** Budgets that turn the measurements into sizes (policy, not measurement). */
export const BUDGET = {
  /** Share of CPU and of the network cap a node may use at peak. */
  targetUtilization: 0.7,
  /** Sockets one signaling pod (1 vCPU, 512 MiB) is given: memory allows far more, fan-out CPU does not. */
  socketsPerSignalingPod: 10_000,
  /** API pods (auth, meeting, chat each) per 10,000 participants, at least 2 each for availability. */
  apiPodsPer10k: 1,
  /** vCPU requested by one pod of our services. */
  vcpuPerPod: 1,
  /** Fixed platform vCPU (Traefik, monitoring, Argo, coturn) besides the service pods. */
  fixedPlatformVcpu: 8,
  /** Everyone of a 10k crowd joins within this window at the start of the hour. */
  joinWindowS: 300,
  /** Meeting events (presence, hands, reactions) per participant per minute, chat messages likewise. */
  eventsPerParticipantPerMin: 2,
  chatPerParticipantPerMin: 0.5,
} as const;

/** A droplet as the price table describes it. */
export interface NodeSize {
  vcpus: number;
  networkGbps: number;
}

/** How a meeting uses media: what each participant receives. */
export interface MeetingShape {
  perMeeting: number;
  /** Video each participant receives, Mbps (a page of tiles at mixed simulcast layers). */
  downstreamMbps: number;
}

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/** SFU vCPU per participant: forwarded bitrate over the measured Mbps per core, plus the idle cost. */
export function sfuVcpuPerParticipant(downstreamMbps: number): number {
  return round(
    downstreamMbps / MEASURED.sfu.forwardedMbpsPerCore +
      MEASURED.sfu.mcoresPerIdleParticipant / 1000,
    4,
  );
}

/** What one LiveKit node of `size` carries for meetings of `shape`, and which limit binds. */
export interface NodeCapacity {
  byCpu: number;
  byNetwork: number;
  participants: number;
  limitedBy: 'cpu' | 'network';
  /** A LiveKit room lives on one node: false when one meeting alone exceeds the node. */
  meetingFits: boolean;
}

/** Participants one LiveKit node carries at the target utilisation of CPU and network cap. */
export function participantsPerNode(size: NodeSize, shape: MeetingShape): NodeCapacity {
  const u = BUDGET.targetUtilization;
  const byCpu = Math.floor((size.vcpus * u) / sfuVcpuPerParticipant(shape.downstreamMbps));
  const byNetwork = Math.floor((size.networkGbps * 1000 * u) / shape.downstreamMbps);
  const participants = Math.min(byCpu, byNetwork);
  return {
    byCpu,
    byNetwork,
    participants,
    limitedBy: byNetwork < byCpu ? 'network' : 'cpu',
    meetingFits: shape.perMeeting <= participants,
  };
}

/** Pods and vCPU of our own services for `participants` concurrent. */
export interface PlatformNeeds {
  signalingPods: number;
  apiPods: number;
  vcpu: number;
  signalingMemoryMiB: number;
}

/** Signaling and API pods (and their vCPU) for a participant count. */
export function platformNeeds(participants: number): PlatformNeeds {
  const signalingPods = Math.max(2, Math.ceil(participants / BUDGET.socketsPerSignalingPod));
  // auth, meeting and chat each scale with the crowd.
  const apiPods = 3 * Math.max(2, Math.ceil((participants / 10_000) * BUDGET.apiPodsPer10k));
  return {
    signalingPods,
    apiPods,
    vcpu: (signalingPods + apiPods) * BUDGET.vcpuPerPod + BUDGET.fixedPlatformVcpu,
    signalingMemoryMiB: Math.ceil((participants * MEASURED.signaling.kibPerSocket) / 1024),
  };
}

/** Load on Redis and PostgreSQL at `participants` concurrent in meetings of `perMeeting`. */
export interface DataTierLoad {
  joinsPerSecond: number;
  /** Bus publishes (events and chat) per second; each reaches every signaling pod. */
  redisPublishesPerSecond: number;
  redisDeliveriesPerSecond: number;
  /** Rows written per second: joins (seat, participant row) and chat messages. */
  postgresWritesPerSecond: number;
}

/** Redis pub/sub and PostgreSQL write rates for a crowd. */
export function dataTierLoad(participants: number): DataTierLoad {
  const pods = platformNeeds(participants).signalingPods;
  const joins = participants / BUDGET.joinWindowS;
  const publishes =
    (participants * (BUDGET.eventsPerParticipantPerMin + BUDGET.chatPerParticipantPerMin)) / 60;
  return {
    joinsPerSecond: round(joins, 1),
    redisPublishesPerSecond: round(publishes, 1),
    redisDeliveriesPerSecond: round(publishes * pods, 1),
    postgresWritesPerSecond: round(
      joins * 2 + (participants * BUDGET.chatPerParticipantPerMin) / 60,
      1,
    ),
  };
}

/** The assumptions every sizing prints, naming the benches behind them. */
export function capacityAssumptions(downstreamMbps: number): string[] {
  return [
    `SFU CPU: ${sfuVcpuPerParticipant(downstreamMbps)} vCPU per participant at ${downstreamMbps} Mbps down (${MEASURED.sfu.forwardedMbpsPerCore} Mbps forwarded per core from ${MEASURED.sfu.forwardingSource}; ${MEASURED.sfu.mcoresPerIdleParticipant} mcores and ${MEASURED.sfu.rssMiBPerParticipant} MiB per connection from ${MEASURED.sfu.source})`,
    `signaling: ${BUDGET.socketsPerSignalingPod.toLocaleString('en-US')} sockets per 1-vCPU pod (${MEASURED.signaling.kibPerSocket} KiB each; ${MEASURED.signaling.source}); auth, meeting and chat ${BUDGET.apiPodsPer10k} pod each per 10k participants, at least 2`,
  ];
}
