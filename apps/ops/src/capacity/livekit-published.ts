/**
 * LiveKit's own published benchmark, quoted beside ours (bench/meeting-500.ts, docs/CAPACITY.md).
 * All three runs: one LiveKit server on a 16-core compute-optimised Google Cloud instance
 * (c2-standard-16), `lk load-test` (720p simulcast video, keyframes ~3 s; audio ~3 kbps), each
 * scenario the most participants one room carried.
 */
export const LIVEKIT_BENCHMARK_URL = 'https://docs.livekit.io/home/self-hosting/benchmark/';
export const LIVEKIT_BENCHMARK_CORES = 16;

/** One row of LiveKit's table, as published. */
export interface PublishedRun {
  name: string;
  publishers: number;
  subscribers: number;
  /** Subscriber streams the SFU forwards: each subscriber receives each publisher's track. */
  streams: number;
  bytesOutPerSecond: number;
  packetsOutPerSecond: number;
  /** Share of the 16 cores in use. */
  cpuUtilization: number;
}

export const LIVEKIT_PUBLISHED: readonly PublishedRun[] = [
  {
    name: 'large audio room',
    publishers: 10,
    subscribers: 3000,
    streams: 10 * 3000,
    bytesOutPerSecond: 23e6,
    packetsOutPerSecond: 959_156,
    cpuUtilization: 0.8,
  },
  {
    // The subscribers render a page of streams (adaptive stream), so streams are not 150 × 150.
    name: 'large meeting (video)',
    publishers: 150,
    subscribers: 150,
    streams: NaN,
    bytesOutPerSecond: 93e6,
    packetsOutPerSecond: 762_749,
    cpuUtilization: 0.85,
  },
  {
    name: 'livestream (video)',
    publishers: 1,
    subscribers: 3000,
    streams: 3000,
    bytesOutPerSecond: 531e6,
    packetsOutPerSecond: 560_962,
    cpuUtilization: 0.92,
  },
];

/** Per-core figures of a published run, the unit our measurements are compared in. */
export interface PerCore {
  cores: number;
  mbpsPerCore: number;
  packetsPerSecondPerCore: number;
  /** null where the table does not say how many streams each subscriber took. */
  streamsPerCore: number | null;
  mcoresPerStream: number | null;
}

/** Turns a published row into per-core figures. */
export function perCore(run: PublishedRun): PerCore {
  const cores = LIVEKIT_BENCHMARK_CORES * run.cpuUtilization;
  const known = Number.isFinite(run.streams);
  return {
    cores,
    mbpsPerCore: (run.bytesOutPerSecond * 8) / 1e6 / cores,
    packetsPerSecondPerCore: run.packetsOutPerSecond / cores,
    streamsPerCore: known ? run.streams / cores : null,
    mcoresPerStream: known ? (cores * 1000) / run.streams : null,
  };
}

/** Lines for a report: each published run and its per-core figures. */
export function publishedLines(): string[] {
  const lines = [
    `LiveKit's published benchmark (${LIVEKIT_BENCHMARK_URL}; one ${LIVEKIT_BENCHMARK_CORES}-core c2-standard-16, lk load-test, 720p simulcast):`,
  ];
  for (const run of LIVEKIT_PUBLISHED) {
    const c = perCore(run);
    lines.push(
      `  ${run.name}: ${run.publishers} × ${run.subscribers} (publishers × subscribers), ${(run.bytesOutPerSecond / 1e6).toFixed(1)} MB/s and ${run.packetsOutPerSecond.toLocaleString('en-US')} packets/s out at ${Math.round(run.cpuUtilization * 100)} % CPU` +
        ` → ${c.mbpsPerCore.toFixed(0)} Mbps and ${Math.round(c.packetsPerSecondPerCore).toLocaleString('en-US')} packets/s per core` +
        (c.streamsPerCore === null
          ? ''
          : `, ${Math.round(c.streamsPerCore).toLocaleString('en-US')} subscriber streams per core (${c.mcoresPerStream!.toFixed(2)} mcores each)`),
    );
  }
  return lines;
}
