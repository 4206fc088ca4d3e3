import { spawnSync } from 'node:child_process';

/** What ffprobe says about a media file. */
export interface Probe {
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    duration?: string;
  }[];
  format: { duration?: string };
}

/** ffprobe's view of `file` (streams and container duration). */
export function ffprobe(file: string): Probe {
  const r = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,width,height,duration:format=duration',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (r.status !== 0) throw new Error(`ffprobe failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Probe;
}

/** The sound of `file` decoded by ffmpeg to mono 16-bit PCM at `rate`. */
export function decodeAudio(file: string, rate: number): Int16Array {
  const r = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-vn', '-ac', '1', '-ar', String(rate), '-f', 's16le', '-'],
    {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not decode the sound: ${r.stderr.toString()}`);
  const bytes = r.stdout;
  return new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 2));
}

/**
 * The strongest frequency (1 Hz steps, 50–4000 Hz) in one second of `samples` starting at
 * `from`, by the Goertzel algorithm (one DFT bin per frequency).
 */
export function dominantFrequency(samples: Int16Array, rate: number, from: number): number {
  const window = samples.subarray(from, from + rate);
  let best = { hz: 0, power: -1 };
  for (let hz = 50; hz <= 4000; hz++) {
    const coeff = 2 * Math.cos((2 * Math.PI * hz) / rate);
    let s1 = 0;
    let s2 = 0;
    for (const x of window) {
      const s0 = x + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    if (power > best.power) best = { hz, power };
  }
  return best.hz;
}

/** The luma (0–255) at (x, y) of the picture `second` seconds into `file`. */
export function lumaAt(file: string, second: number, x: number, y: number): number {
  const r = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(second),
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-',
    ],
    { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not decode a frame: ${r.stderr.toString()}`);
  const width = 1280;
  return r.stdout[y * width + x]!;
}
