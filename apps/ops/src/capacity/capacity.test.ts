import { describe, expect, it } from 'vitest';
import {
  BUDGET,
  MEASURED,
  capacityAssumptions,
  dataTierLoad,
  participantsPerNode,
  platformNeeds,
  sfuVcpuPerParticipant,
} from './index.js';
import {
  LIVEKIT_BENCHMARK_URL,
  LIVEKIT_PUBLISHED,
  perCore,
  publishedLines,
} from './livekit-published.js';

const regular = { vcpus: 32, networkGbps: 2 };
const premium = { vcpus: 32, networkGbps: 10 };
const shape = { perMeeting: 500, downstreamMbps: 1.5 };

describe('capacity model', () => {
  it('prices SFU CPU by forwarded bitrate, as measured, plus the cost of a connection', () => {
    const perMbps = 1 / MEASURED.sfu.forwardedMbpsPerCore;
    expect(sfuVcpuPerParticipant(3)).toBeCloseTo(
      3 * perMbps + MEASURED.sfu.mcoresPerIdleParticipant / 1000,
      3,
    );
    expect(sfuVcpuPerParticipant(3)).toBeGreaterThan(sfuVcpuPerParticipant(1.5));
  });

  it('finds a regular c-32 bound by its 2 Gbps cap and a premium one by CPU', () => {
    const r = participantsPerNode(regular, shape);
    expect(r.limitedBy).toBe('network');
    expect(r.participants).toBe(Math.floor((2000 * BUDGET.targetUtilization) / 1.5));
    const p = participantsPerNode(premium, shape);
    expect(p.participants).toBeGreaterThan(r.participants);
    expect(p.participants).toBe(Math.min(p.byCpu, p.byNetwork));
  });

  it('says when one meeting does not fit one node', () => {
    // 500 × 3 Mbps = 1.5 Gbps: above 70 % of a regular droplet's 2 Gbps, within a premium one's.
    const heavy = { perMeeting: 500, downstreamMbps: 3 };
    expect(participantsPerNode(regular, heavy).meetingFits).toBe(false);
    expect(participantsPerNode(premium, heavy).meetingFits).toBe(true);
    expect(participantsPerNode({ vcpus: 2, networkGbps: 10 }, shape).meetingFits).toBe(false);
  });

  it('sizes signaling and API pods per 10k participants, at least two each', () => {
    expect(platformNeeds(1_000)).toMatchObject({ signalingPods: 2, apiPods: 6 });
    const big = platformNeeds(50_000);
    expect(big.signalingPods).toBe(5);
    expect(big.apiPods).toBe(15);
    expect(big.signalingMemoryMiB).toBe(
      Math.ceil((50_000 * MEASURED.signaling.kibPerSocket) / 1024),
    );
  });

  it('grows Redis deliveries with the number of signaling pods and PostgreSQL writes with joins', () => {
    const small = dataTierLoad(10_000);
    const big = dataTierLoad(50_000);
    expect(big.joinsPerSecond).toBeCloseTo(5 * small.joinsPerSecond, 0);
    expect(big.redisDeliveriesPerSecond / big.redisPublishesPerSecond).toBeCloseTo(5, 3);
    expect(big.postgresWritesPerSecond).toBeGreaterThan(2 * big.joinsPerSecond);
  });
});

describe("LiveKit's published benchmark in our units", () => {
  it('turns each published run into per-core figures', () => {
    const livestream = LIVEKIT_PUBLISHED.find((r) => r.name.startsWith('livestream'))!;
    // 531 MB/s = 4,248 Mbps on 92 % of 16 cores = 14.72 cores.
    const c = perCore(livestream);
    expect(c.mbpsPerCore).toBeCloseTo(288.6, 1);
    expect(c.streamsPerCore).toBeCloseTo(203.8, 1);
    expect(c.mcoresPerStream).toBeCloseTo(4.91, 2);
    // The large meeting's subscribers took a page of streams each: no per-stream figure.
    expect(
      perCore(LIVEKIT_PUBLISHED.find((r) => r.name.startsWith('large meeting'))!),
    ).toMatchObject({ streamsPerCore: null, mcoresPerStream: null });
  });

  it('is where the model takes its forwarding cost from, and says so', () => {
    expect(MEASURED.sfu.forwardedMbpsPerCore).toBe(289);
    expect(capacityAssumptions(1.5)[0]).toContain(
      '289 Mbps forwarded per core from LiveKit published',
    );
    expect(publishedLines()[0]).toContain(LIVEKIT_BENCHMARK_URL);
  });
});
