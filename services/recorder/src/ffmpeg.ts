import { spawn, type StdioOptions } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { SAMPLE_RATE } from './audio-mix.js';
import { FRAME_BYTES, VIDEO_FPS, VIDEO_HEIGHT, VIDEO_WIDTH } from './compositor.js';

/** The ffmpeg on PATH (Debian's `apt-get install ffmpeg`), or undefined when there is none. */
export async function findFfmpeg(
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(':').filter(Boolean)) {
    const candidate = path.join(dir, 'ffmpeg');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/**
 * ffmpeg's arguments: raw video on fd 3 (unless audio only) and raw sound on the next fd, into
 * fragmented MP4 (H.264 + AAC). Fragments start at each keyframe (every 2 s) and the moov box
 * comes first, so a file cut short by a crash still plays up to its last fragment.
 */
export function encoderArgs(output: string, audioOnly: boolean): string[] {
  const audioInput = ['-f', 's16le', '-ar', String(SAMPLE_RATE), '-ac', '1'];
  const audioOutput = ['-c:a', 'aac', '-b:a', '128k'];
  // Each fragment goes to disk as soon as it is complete (ffmpeg would otherwise hold it in its
  // output buffer): what a crash leaves behind is then playable up to a second or two before.
  const file = ['-flush_packets', '1', '-f', 'mp4', output];
  const common = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  if (audioOnly)
    return [
      ...common,
      ...[...audioInput, '-i', 'pipe:3'],
      ...audioOutput,
      // Audio has no keyframes to cut at: a fragment a second instead.
      ...['-movflags', '+empty_moov+default_base_moof', '-frag_duration', '1000000'],
      ...file,
    ];
  return [
    ...common,
    ...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${VIDEO_WIDTH}x${VIDEO_HEIGHT}`],
    ...['-framerate', String(VIDEO_FPS), '-i', 'pipe:3'],
    ...[...audioInput, '-i', 'pipe:4'],
    ...['-map', '0:v', '-map', '1:a'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
    ...['-g', String(VIDEO_FPS * 2), '-crf', '26'],
    ...audioOutput,
    ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof'],
    ...file,
  ];
}

/** A running ffmpeg fed through pipes. */
export interface Encoder {
  /** Writes one frame unless the previous one is still waiting: returns false when it dropped it. */
  writeFrame(frame: Uint8Array): boolean;
  /** Writes sound; it is never dropped. Returns the bytes still waiting for ffmpeg. */
  writeAudio(samples: Int16Array): number;
  /** Ends the input and waits for ffmpeg to finish the file (SIGKILL after `graceMs`). */
  finish(graceMs: number): Promise<void>;
  /** Resolves when ffmpeg exits, with its last error lines when it failed. */
  exited: Promise<{ code: number | null; stderr: string }>;
}

/** Starts ffmpeg writing `output`; the video pipe is absent when `audioOnly`. */
export function startEncoder(ffmpeg: string, output: string, audioOnly: boolean): Encoder {
  // Extra fds rather than named pipes: nothing to create or clean up, and they close with us.
  const stdio: StdioOptions = [
    'ignore',
    'ignore',
    'pipe',
    'pipe',
    ...(audioOnly ? [] : ['pipe' as const]),
  ];
  const child = spawn(ffmpeg, encoderArgs(output, audioOnly), { stdio });
  const video = audioOnly ? undefined : (child.stdio[3] as Writable);
  const audio = child.stdio[audioOnly ? 3 : 4] as Writable;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  // A pipe ffmpeg closed early raises EPIPE on write; the exit code tells what happened.
  for (const pipe of [video, audio]) pipe?.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('exit', (code) => resolve({ code, stderr }));
    child.once('error', (error) => resolve({ code: null, stderr: error.message }));
  });
  return {
    writeFrame(frame) {
      // One frame in flight at most: when ffmpeg falls behind, frames are dropped, not queued.
      if (!video || video.writableLength > 0 || video.destroyed) return false;
      if (frame.length !== FRAME_BYTES) throw new Error('a video frame must be 1280x720 I420');
      video.write(Buffer.from(frame));
      return true;
    },
    writeAudio(samples) {
      if (!audio.destroyed)
        audio.write(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
      return audio.writableLength;
    },
    async finish(graceMs) {
      video?.end();
      audio.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    exited,
  };
}
