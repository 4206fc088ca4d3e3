/** The recording's sound: mono signed 16-bit PCM at 48 kHz (what ffmpeg reads as s16le). */
export const SAMPLE_RATE = 48_000;

// A track starts contributing once it has 60 ms buffered (and again after it ran dry), so
// network jitter does not chop its sound into clicks; past 1 s the oldest samples are dropped,
// so a sender whose clock runs fast cannot grow memory without bound.
const PREBUFFER = (SAMPLE_RATE * 60) / 1000;
const MAX_BUFFERED = SAMPLE_RATE;

interface TrackBuffer {
  chunks: Int16Array[];
  /** Samples of chunks[0] already consumed. */
  offset: number;
  buffered: number;
  playing: boolean;
}

/** Mixes any number of incoming tracks into one stream that a clock pulls from. */
export interface AudioMix {
  /** Adds a track; returns the function its decoded samples (mono, 48 kHz) are pushed into. */
  addTrack(id: string): (samples: Int16Array) => void;
  removeTrack(id: string): void;
  /** The next `count` mixed samples: silence where no track has sound. */
  mix(count: number): Int16Array;
}

/** An empty mix; a track joins with {@link AudioMix.addTrack}. */
export function createAudioMix(): AudioMix {
  const tracks = new Map<string, TrackBuffer>();

  const push = (track: TrackBuffer, samples: Int16Array) => {
    track.chunks.push(samples);
    track.buffered += samples.length;
    while (track.buffered > MAX_BUFFERED) take(track, track.buffered - MAX_BUFFERED, undefined);
    if (track.buffered >= PREBUFFER) track.playing = true;
  };

  /** Consumes up to `count` samples of `track`, adding them into `sum` when given. */
  function take(track: TrackBuffer, count: number, sum: Int32Array | undefined): void {
    let done = 0;
    while (done < count && track.chunks.length > 0) {
      const chunk = track.chunks[0]!;
      const n = Math.min(count - done, chunk.length - track.offset);
      if (sum) for (let i = 0; i < n; i++) sum[done + i]! += chunk[track.offset + i]!;
      done += n;
      track.offset += n;
      track.buffered -= n;
      if (track.offset === chunk.length) {
        track.chunks.shift();
        track.offset = 0;
      }
    }
  }

  return {
    addTrack(id) {
      const track: TrackBuffer = { chunks: [], offset: 0, buffered: 0, playing: false };
      tracks.set(id, track);
      return (samples) => push(track, samples);
    },
    removeTrack(id) {
      tracks.delete(id);
    },
    mix(count) {
      const sum = new Int32Array(count);
      for (const track of tracks.values()) {
        if (!track.playing) continue;
        if (track.buffered < count) track.playing = false;
        take(track, count, sum);
      }
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = Math.max(-32768, Math.min(32767, sum[i]!));
      return out;
    },
  };
}
