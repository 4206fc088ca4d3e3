import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecordingWithDownload } from '@gomeet/protocol';
import { findBinary } from '@gomeet/platform/helpers';
import { seaweedfsBinary, startInTestNetns, testNetnsUnavailableReason } from '@gomeet/testing';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const weed = seaweedfsBinary();
const missing = [
  testNetnsUnavailableReason(),
  existsSync(`${repoRoot}.bin/livekit-server`)
    ? undefined
    : 'LiveKit is not installed (scripts/install-livekit.sh)',
  findBinary('ffmpeg') ? undefined : 'ffmpeg is not installed (apt-get install ffmpeg)',
  'missing' in weed ? weed.missing : undefined,
].filter(Boolean);
if (missing.length > 0 && process.env.CI === 'true')
  throw new Error(`recording end to end needs: ${missing.join('; ')}`);

interface Result {
  error?: string;
  recording: RecordingWithDownload;
  download: {
    status: number;
    type: string;
    disposition: string;
    bucketHost: string;
    bytes: number;
    box: string;
  };
  participant: { status: number; type: string };
  s3Endpoint: string;
}

describe.skipIf(missing.length > 0)(
  `recording end to end${missing.length > 0 ? ` (skipped: ${missing.join('; ')})` : ''}`,
  () => {
    it('records two bots for 10 s with the in-process recorder into SeaweedFS; the host downloads the MP4 from the bucket, a participant is refused', async () => {
      // rtc-node (bots and recorder) ignores loopback candidates: a veth namespace, HOST=192.0.2.1.
      const ns = startInTestNetns(
        [process.execPath, '--import', 'tsx', 'apps/server/test/media/record-meeting.ts'],
        { cwd: repoRoot, env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.check.json' } },
      );
      const timer = setTimeout(() => void ns.stop(), 170_000);
      await ns.exited;
      clearTimeout(timer);
      const line = ns
        .output()
        .stdout.split('\n')
        .find((l) => l.startsWith('{"recording"') || l.startsWith('{"error"'));
      expect(line, ns.output().stderr.slice(-3000)).toBeDefined();
      const result = JSON.parse(line ?? '{}') as Result;
      expect(result.error).toBeUndefined();
      expect(result.recording).toMatchObject({
        state: 'ready',
        partial: false,
        downloadable: true,
      });
      expect(result.recording.durationSeconds).toBeGreaterThan(8);
      expect(result.recording.durationSeconds).toBeLessThan(14);
      // The link is a presigned GET on the bucket, and serves a real MP4.
      expect(`http://${result.download.bucketHost}`).toBe(result.s3Endpoint);
      expect(result.download).toMatchObject({ status: 200, type: 'video/mp4', box: 'ftyp' });
      expect(result.download.bytes).toBe(result.recording.bytes);
      expect(result.download.disposition).toMatch(/^attachment; filename="gomeet-/);
      expect(result.participant).toEqual({
        status: 403,
        type: 'https://gomeet.dev/problems/not-host',
      });
    }, 180_000);
  },
);
