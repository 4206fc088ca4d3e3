import { existsSync } from 'node:fs';
import { findBinary } from '@gomeet/platform/helpers';
import { startInTestNetns, testNetnsUnavailableReason } from '@gomeet/testing';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from './support/chromium';
import { ensureWebBuild, repoRoot } from './support/web-build';

const missing = [
  testNetnsUnavailableReason(),
  existsSync(`${repoRoot}.bin/livekit-server`) ? undefined : 'LiveKit is not installed',
  findBinary('ffmpeg') ? undefined : 'ffmpeg is not installed (apt-get install ffmpeg)',
  existsSync(CHROMIUM_PATH) ? undefined : `no Chromium at ${CHROMIUM_PATH}`,
].filter(Boolean);
if (missing.length > 0 && process.env.CI === 'true')
  throw new Error(`the recording browser test needs: ${missing.join('; ')}`);

interface Result {
  error?: string;
  beforeStart: number;
  guestBanner: { text: string; role: string };
  download: { name: string; bytes: number };
}

describe.skipIf(missing.length > 0)(
  `recording in the browser${missing.length > 0 ? ` (skipped: ${missing.join('; ')})` : ''}`,
  () => {
    it('the host records from the room, the guest sees the banner, the host stops and downloads the file from the meeting’s row', async () => {
      await ensureWebBuild();
      // The in-process recorder (rtc-node) ignores loopback candidates: server, recorder and
      // Chromium all run in a veth namespace, the server at 192.0.2.1.
      const ns = startInTestNetns(
        [process.execPath, '--import', 'tsx', 'apps/web/test/media/record-in-browser.ts'],
        { cwd: repoRoot, env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.check.json' } },
      );
      const timer = setTimeout(() => void ns.stop(), 230_000);
      await ns.exited;
      clearTimeout(timer);
      const line = ns
        .output()
        .stdout.split('\n')
        .find((l) => l.startsWith('{"beforeStart"') || l.startsWith('{"error"'));
      expect(line, ns.output().stderr.slice(-3000)).toBeDefined();
      const result = JSON.parse(line ?? '{}') as Result;
      expect(result.error).toBeUndefined();
      expect(result.beforeStart).toBe(0);
      expect(result.guestBanner).toEqual({
        text: 'This meeting is being recorded',
        role: 'status',
      });
      expect(result.download.name).toMatch(/^gomeet-[a-z]{3}-[a-z]{4}-[a-z]{3}-.+\.mp4$/);
      expect(result.download.bytes).toBeGreaterThan(10_000);
    }, 240_000);
  },
);
