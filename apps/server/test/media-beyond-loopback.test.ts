import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startInTestNetns, testNetnsUnavailableReason } from '@gomeet/testing';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const livekitBin = `${repoRoot}.bin/livekit-server`;
const missing = [
  testNetnsUnavailableReason(),
  existsSync(livekitBin) ? undefined : 'LiveKit is not installed (scripts/install-livekit.sh)',
  existsSync(`${repoRoot}node_modules/@livekit/rtc-node`)
    ? undefined
    : '@livekit/rtc-node is not installed',
].filter(Boolean);
if (missing.length > 0 && process.env.CI === 'true')
  throw new Error(`media beyond loopback needs: ${missing.join('; ')}`);
if (missing.length > 0) console.warn(`skipping media beyond loopback: ${missing.join('; ')}`);

interface BotResult {
  identity: string;
  videoFrames: number;
  audioFrames: number;
  from: string[];
}

describe.skipIf(missing.length > 0)('media beyond loopback', () => {
  it('lets two rtc-node bots meet on the embedded LiveKit at HOST=192.0.2.1 and receive each other’s audio and video', async () => {
    // A veth pair in its own namespace: rtc-node ignores loopback candidates, and nothing
    // this test sends can leave the namespace.
    const ns = startInTestNetns(
      [process.execPath, '--import', 'tsx', 'apps/server/test/media/two-bots.ts'],
      {
        cwd: repoRoot,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.check.json', BOTS_HOST: '192.0.2.1' },
      },
    );
    const timer = setTimeout(() => void ns.stop(), 55_000);
    await ns.exited;
    clearTimeout(timer);
    const line = ns
      .output()
      .stdout.split('\n')
      .find((l) => l.startsWith('{"livekitUrls"') || l.startsWith('{"error"'));
    expect(line, ns.output().stderr.slice(-2000)).toBeDefined();
    const result = JSON.parse(line!) as {
      error?: string;
      livekitUrls: string[];
      media: { nodeIp: string };
      bots: BotResult[];
    };
    expect(result.error).toBeUndefined();
    // The join answer hands out LiveKit on the address the browser reached GoMeet at.
    for (const url of result.livekitUrls) expect(url).toMatch(/^ws:\/\/192\.0\.2\.1:\d+$/);
    expect(result.media.nodeIp).toBe('192.0.2.1');
    const [a, b] = result.bots;
    expect(a?.from).toEqual([b?.identity]);
    expect(b?.from).toEqual([a?.identity]);
    for (const bot of result.bots) {
      expect(bot.videoFrames).toBeGreaterThanOrEqual(10);
      expect(bot.audioFrames).toBeGreaterThanOrEqual(50);
    }
  }, 60_000);
});
