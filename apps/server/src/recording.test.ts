import { parseConfig } from '@gomeet/platform';
import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.js';
import { serverEnv } from './config.js';
import { planRecording } from './recording.js';

const keys = { apiKey: 'key', apiSecret: 'a-livekit-secret-of-thirty-two-chars!' };
const plan = (env: Record<string, string>, nodeIp: string | undefined) =>
  planRecording({
    config: parseConfig(serverEnv, env),
    dataDir: '/tmp/gomeet-unused',
    nodeIp,
    ...keys,
  });
const banner = (recording: Awaited<ReturnType<typeof plan>>['summary']) =>
  startBanner(
    {
      url: 'http://localhost:8080',
      livekitUrl: 'ws://127.0.0.1:7880',
      media: { tls: false, nodeIp: '127.0.0.1' },
      recording,
    },
    '127.0.0.1',
  );

describe('recording in the all-in-one server', () => {
  it('records when ffmpeg is there and LiveKit advertises a non-loopback address', async () => {
    const p = await plan({ FFMPEG_PATH: '/usr/bin/ffmpeg' }, '192.0.2.1');
    expect(p.summary).toEqual({ on: true, ffmpeg: '/usr/bin/ffmpeg' });
    expect(p.deps.unavailableReason).toBeUndefined();
    expect(banner(p.summary)).toContain('Recording: on (ffmpeg /usr/bin/ffmpeg)');
  });

  it('says to install ffmpeg when there is none, and refuses recordings with that reason', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const p = await plan({}, '192.0.2.1');
      expect(banner(p.summary)).toContain(
        'Recording: off — install ffmpeg (apt-get install ffmpeg) to record',
      );
      expect(p.deps.unavailableReason).toMatch(/install ffmpeg/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('says why recording is off when LiveKit advertises only loopback, which the recorder ignores', async () => {
    const p = await plan({ FFMPEG_PATH: '/usr/bin/ffmpeg' }, '127.0.0.1');
    expect(p.summary.on).toBe(false);
    expect(banner(p.summary)).toMatch(
      /Recording: off — LiveKit advertises only 127\.0\.0\.1, .*ignores loopback.*HOST=0\.0\.0\.0/,
    );
  });

  it('keeps recording on with an external LIVEKIT_URL (its advertised address is its own business)', async () => {
    const p = await plan({ FFMPEG_PATH: '/usr/bin/ffmpeg' }, undefined);
    expect(p.summary.on).toBe(true);
  });

  it('names the webhook variable missing its partner', () => {
    expect(() =>
      parseConfig(serverEnv, { RECORDING_WEBHOOK_URL: 'https://hooks.example.com/gomeet' }),
    ).toThrow(/RECORDING_WEBHOOK_SECRET/);
  });
});
