import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordingStatus } from '@gomeet/protocol';
import { seaweedfsBinary, startInTestNetns, testNetnsUnavailableReason } from '@gomeet/testing';
import { findFfmpeg } from '@gomeet/recorder';
import { describe, expect, it } from 'vitest';
import { TONE_HZ } from './media/bots.js';
import { decodeAudio, dominantFrequency, ffprobe, lumaAt } from './media/probe.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const weed = seaweedfsBinary();
const missing = [
  testNetnsUnavailableReason(),
  existsSync(`${repoRoot}.bin/livekit-server`)
    ? undefined
    : 'LiveKit is not installed (scripts/install-livekit.sh)',
  'missing' in weed ? weed.missing : undefined,
  (await findFfmpeg()) ? undefined : 'ffmpeg is not installed (apt-get install ffmpeg)',
].filter(Boolean);
if (missing.length > 0 && process.env.CI === 'true')
  throw new Error(`recording tests need: ${missing.join('; ')}`);

type StateMessage = Extract<RecordingStatus, { type: 'recording.state' }>;
interface ScenarioResult {
  recordingId: string;
  final: StateMessage;
  states: string[];
  spoolAfter: string[];
  leftBehind?: string[];
  stored?: { bytes: number };
  audioOnly?: { recordingId: string; final: StateMessage; states: string[] };
  heartbeats?: string[][];
}

/** Runs media/scenario.ts in a test namespace; returns its result and where the file went. */
async function runScenario(
  mode: 'record' | 'kill',
): Promise<{ result: ScenarioResult; file: string; audioFile: string }> {
  const out = mkdtempSync(path.join(tmpdir(), 'gomeet-recording-out-'));
  const ns = startInTestNetns(
    [process.execPath, '--import', 'tsx', 'services/recorder/test/media/scenario.ts', mode],
    {
      cwd: repoRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.check.json', RECORDER_TEST_OUT: out },
    },
  );
  const timer = setTimeout(() => void ns.stop(), 170_000);
  await ns.exited;
  clearTimeout(timer);
  const line = ns
    .output()
    .stdout.split('\n')
    .find((l) => l.startsWith('{"result"') || l.startsWith('{"error"'));
  expect(line, ns.output().stderr.slice(-3000)).toBeDefined();
  const parsed = JSON.parse(line!) as { result?: ScenarioResult; error?: string };
  expect(parsed.error, ns.output().stderr.slice(-3000)).toBeUndefined();
  return {
    result: parsed.result!,
    file: path.join(out, 'recording.mp4'),
    audioFile: path.join(out, 'audio.m4a'),
  };
}

describe.skipIf(missing.length > 0)('recorder with real LiveKit, ffmpeg and SeaweedFS', () => {
  it('records two bots for 10 s into the bucket: one H.264 and one AAC stream, 10 s long, showing the talker and carrying its 440 Hz tone', async () => {
    const { result, file, audioFile } = await runScenario('record');
    expect(result.states).toEqual(['recording', 'stopping', 'uploading', 'ready']);
    const key = `recordings/abc-defg-hij/${result.recordingId}.mp4`;
    expect(result.final).toMatchObject({ state: 'ready', objectKey: key });
    expect(result.stored?.bytes).toBe(result.final.bytes);
    expect(result.spoolAfter).toEqual([]);
    // Every 5 s while it records, the recorder says it still holds the recording.
    expect(result.heartbeats).toContainEqual([result.recordingId]);

    const probe = ffprobe(file);
    const video = probe.streams.filter((s) => s.codec_type === 'video');
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    expect(video.map((s) => [s.codec_name, s.width, s.height])).toEqual([['h264', 1280, 720]]);
    expect(audio.map((s) => s.codec_name)).toEqual(['aac']);
    const duration = Number(probe.format.duration);
    expect(duration).toBeGreaterThanOrEqual(9);
    expect(duration).toBeLessThanOrEqual(11);

    // The talker's 4:3 picture (grey, never black) fills the middle; black bars either side.
    expect(lumaAt(file, 5, 640, 360)).toBeGreaterThan(30);
    expect(lumaAt(file, 5, 40, 360)).toBeLessThan(25);

    const samples = decodeAudio(file, 48_000);
    const hz = dominantFrequency(samples, 48_000, Math.floor(samples.length / 2));
    expect(Math.abs(hz - TONE_HZ)).toBeLessThanOrEqual(10);

    // Sound only: an .m4a with one AAC stream and no picture.
    const audioOnly = result.audioOnly!;
    expect(audioOnly.states).toEqual(['recording', 'stopping', 'uploading', 'ready']);
    expect(audioOnly.final.objectKey).toBe(`recordings/abc-defg-hij/${audioOnly.recordingId}.m4a`);
    const audioProbe = ffprobe(audioFile);
    expect(audioProbe.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([['audio', 'aac']]);
    expect(Number(audioProbe.format.duration)).toBeGreaterThan(3);
  }, 180_000);

  it('uploads the spool file of a recorder killed mid-recording when it starts again, as a playable partial file', async () => {
    const { result, file } = await runScenario('kill');
    expect(result.leftBehind).toEqual([`${result.recordingId}.json`, `${result.recordingId}.mp4`]);
    expect(result.final).toMatchObject({
      state: 'failed',
      partial: true,
      objectKey: `recordings/abc-defg-hij/${result.recordingId}.mp4`,
    });
    expect(result.final.reason).toMatch(/stopped during the recording/);
    expect(result.final.bytes).toBeGreaterThan(0);
    expect(result.stored?.bytes).toBe(result.final.bytes);
    expect(result.spoolAfter).toEqual([]);

    const probe = ffprobe(file);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect(video?.codec_name).toBe('h264');
    expect(Number(video?.duration ?? probe.format.duration)).toBeGreaterThan(0);
  }, 180_000);
});
