import { SAMPLE_RATE } from './audio-mix.js';
import { VIDEO_FPS } from './compositor.js';
import type { Encoder } from './ffmpeg.js';
import type { RoomCapture } from './room-capture.js';

// More than 10 s of sound waiting for ffmpeg means it has stalled: the recording fails rather
// than holding ever more memory.
const MAX_AUDIO_BACKLOG_BYTES = SAMPLE_RATE * 2 * 10;
// Ticks run faster than the frame rate, so a late timer can catch up on due frames.
const TICK_MS = 10;
const MAX_FRAMES_BEHIND = VIDEO_FPS * 2;

/** How far a recording has got, from the clock that feeds the encoder. */
export interface FeedStats {
  durationMs: number;
  framesWritten: number;
  framesDropped: number;
}

/** A running feed from the room into the encoder; `stop` flushes the sound up to now. */
export interface Feed {
  stop(): FeedStats;
  /** Rejects when ffmpeg stops reading (its sound backlog passed 10 s). */
  stalled: Promise<never>;
}

/**
 * Feeds `encoder` in real time from one monotonic clock: mixed sound sample-exact (silence when
 * nobody speaks) and the composed picture at 30 fps. Timestamps are the sample and frame
 * counts, so sound and picture share a timeline. A frame waits for the encoder (one at a
 * time, never a queue) and is dropped past two seconds behind; sound is never dropped.
 */
export function startFeed(capture: RoomCapture, encoder: Encoder, audioOnly: boolean): Feed {
  const started = performance.now();
  let samples = 0;
  let framesWritten = 0;
  let framesDropped = 0;
  let reject: (error: Error) => void = () => undefined;
  const stalled = new Promise<never>((_, r) => (reject = r));
  stalled.catch(() => undefined);

  const feedAudio = (now: number) => {
    const due = Math.floor(((now - started) * SAMPLE_RATE) / 1000) - samples;
    if (due <= 0) return;
    samples += due;
    if (encoder.writeAudio(capture.audio.mix(due)) > MAX_AUDIO_BACKLOG_BYTES)
      reject(new Error('the encoder stopped reading the sound'));
  };
  const feedVideo = (now: number) => {
    const due =
      Math.floor(((now - started) * VIDEO_FPS) / 1000) + 1 - framesWritten - framesDropped;
    if (due <= 0) return;
    // Behind by more than two seconds: give those frames up (the picture then runs that much
    // ahead of the sound) rather than make a slow encoder catch up forever.
    if (due > MAX_FRAMES_BEHIND) framesDropped += due - 1;
    // Otherwise a frame the encoder was not ready for is sent on a later tick: the newest
    // picture under the missed frame's timestamp, which keeps picture and sound in step.
    if (encoder.writeFrame(capture.frame())) framesWritten += 1;
  };
  const timer = setInterval(() => {
    const now = performance.now();
    feedAudio(now);
    if (!audioOnly) feedVideo(now);
  }, TICK_MS);

  return {
    stalled,
    stop() {
      clearInterval(timer);
      feedAudio(performance.now());
      return {
        durationMs: Math.round((samples * 1000) / SAMPLE_RATE),
        framesWritten,
        framesDropped,
      };
    },
  };
}
