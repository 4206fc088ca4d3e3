import { existsSync } from 'node:fs';
import path from 'node:path';
import { startInTestNetns, testNetnsUnavailableReason } from '@gomeet/testing';
import { describe, expect, it } from 'vitest';
import type { LoadtestReport } from '../../src/commands/loadtest/report.js';
import { LIVEKIT_BIN, repoRoot } from '../support/livekit-node.js';

// Bots need a network namespace (rtc-node ignores loopback candidates) and the LiveKit binary.
const missing =
  testNetnsUnavailableReason() ??
  (existsSync(LIVEKIT_BIN) ? undefined : `no LiveKit at ${LIVEKIT_BIN}`);
if (missing && process.env.CI === 'true') throw new Error(`loadtest test cannot run: ${missing}`);
if (missing) console.warn(`skipping the loadtest test: ${missing}`);

describe.skipIf(missing !== undefined)('gomeet-ops loadtest in a test namespace', () => {
  it('joins 2 meetings × 5 participants (one control-plane client each), delivers video to every subscriber and measures chat fan-out', async () => {
    const run = startInTestNetns(
      [
        process.execPath,
        '--import',
        'tsx',
        path.join(repoRoot, 'apps/ops/test/support/loadtest-scenario.ts'),
        '--format',
        'json',
        '--meetings',
        '2',
        '--participants',
        '5',
        '--publishers',
        '2',
        '--control-only',
        '1',
        '--lobby',
        '--duration',
        '4',
        '--chat-rate',
        '2',
        '--reactions',
        '1',
        '--ramp',
        '10',
      ],
      { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production' } },
    );
    try {
      const code = await Promise.race([
        run.exited,
        new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 55_000)),
      ]);
      const { stdout, stderr } = run.output();
      expect(code, stderr).toBe(0);
      const report = JSON.parse(stdout) as LoadtestReport;
      expect(report.participants).toMatchObject({
        planned: 10,
        joined: 10,
        failed: 0,
        publisher: 4,
        subscriber: 4,
        control: 2,
      });
      expect(report.joinLatencyMs.count).toBe(10);
      // The control-plane clients connected to LiveKit too (from the control pool's workers).
      expect(report.livekitConnectMs.count).toBe(10);
      expect(report.joinLatencyMs.p99).toBeGreaterThan(0);
      // Every participant (publishers too) subscribes to the other publishers' video.
      expect(report.subscribersWithFrames).toBe(8);
      expect(report.timeToFirstFrameMs.count).toBe(8);
      expect(report.chat.sent).toBeGreaterThan(0);
      expect(report.chat.deliveries).toBe(report.chat.expectedDeliveries);
      expect(report.chat.latencyMs.p99).toBeGreaterThan(0);
      expect(report.perParticipant.subscriber.bytesReceived).toBeGreaterThan(50_000);
      expect(report.perParticipant.publisher.bytesSent).toBeGreaterThan(
        report.perParticipant.subscriber.bytesSent,
      );
      expect(report.sfu.source).toBe('proc');
      expect(report.sfu.cpuCores).toBeGreaterThan(0);
      expect(report.errors).toEqual([]);
    } finally {
      await run.stop();
    }
  }, 60_000);
});
