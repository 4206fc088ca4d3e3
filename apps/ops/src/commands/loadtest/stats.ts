import { readFile } from 'node:fs/promises';

/** p50/p95/p99/max of a sample in ms (null when empty). */
export interface Distribution {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentiles of `values`. */
export function distribution(values: number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    s.length ? round(s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!) : null;
  return { count: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** One reading of the SFU's CPU time and memory. */
export interface SfuSample {
  at: number;
  cpuSeconds: number | null;
  rssBytes: number | null;
}

/** SFU CPU and memory over the run, from LiveKit's /metrics or the local process's /proc. */
export interface SfuUsage {
  source: 'livekit-metrics' | 'proc' | 'none';
  cpuCores: number | null;
  peakRssMiB: number | null;
}

/** Reads process_cpu_seconds_total and process_resident_memory_bytes from Prometheus text. */
export function parseProcessMetrics(text: string): {
  cpuSeconds: number | null;
  rssBytes: number | null;
} {
  const value = (name: string) => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  return {
    cpuSeconds: value('process_cpu_seconds_total'),
    rssBytes: value('process_resident_memory_bytes'),
  };
}

/** utime+stime and VmRSS of `pid` from /proc (Linux; clock ticks at 100 Hz). */
export async function readProc(pid: number): Promise<{ cpuSeconds: number; rssBytes: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") ".
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+) kB/.exec(status);
  return { cpuSeconds: ticks / 100, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

/** Where SFU readings come from; `sample` never throws (an unreachable source gives nulls). */
export function sfuProbe(
  fetchImpl: typeof fetch,
  metricsUrl: string | undefined,
  pid: number | undefined,
): { source: SfuUsage['source']; sample(): Promise<SfuSample> } {
  const at = () => performance.now();
  if (pid !== undefined)
    return {
      source: 'proc',
      sample: async () => {
        const p = await readProc(pid).catch(() => null);
        return { at: at(), cpuSeconds: p?.cpuSeconds ?? null, rssBytes: p?.rssBytes ?? null };
      },
    };
  if (metricsUrl)
    return {
      source: 'livekit-metrics',
      sample: async () => {
        const text = await fetchImpl(metricsUrl, { signal: AbortSignal.timeout(2000) })
          .then((r) => (r.ok ? r.text() : ''))
          .catch(() => '');
        return { at: at(), ...parseProcessMetrics(text) };
      },
    };
  return {
    source: 'none',
    sample: () => Promise.resolve({ at: at(), cpuSeconds: null, rssBytes: null }),
  };
}

/** CPU cores used between the first and last sample, and the peak RSS seen. */
export function summarizeSfu(source: SfuUsage['source'], samples: SfuSample[]): SfuUsage {
  const first = samples.find((s) => s.cpuSeconds !== null);
  const last = [...samples].reverse().find((s) => s.cpuSeconds !== null);
  const cpu =
    first && last && last.at > first.at
      ? Math.round(
          ((last.cpuSeconds! - first.cpuSeconds!) / ((last.at - first.at) / 1000)) * 1000,
        ) / 1000
      : null;
  const rss = samples.map((s) => s.rssBytes).filter((v): v is number => v !== null);
  return {
    source: cpu === null && !rss.length ? 'none' : source,
    cpuCores: cpu,
    peakRssMiB: rss.length ? Math.round(Math.max(...rss) / 2 ** 20) : null,
  };
}
