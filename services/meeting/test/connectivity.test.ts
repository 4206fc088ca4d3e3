import { describeBackends } from '@gomeet/testing/describe-backends';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { LIVEKIT, startHarness, type Harness } from './harness.js';

const turn = {
  secret: 'turn-shared-secret-for-tests',
  urls: [
    'turn:127.0.0.1:3478?transport=udp',
    'turn:127.0.0.1:3478?transport=tcp',
    'stun:127.0.0.1:3478',
  ],
  ttlSeconds: 3600,
};

describeBackends('the pre-join connection check’s targets on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    // The all-in-one server's way: the LiveKit URL follows the host the browser reached us at.
    const clientUrlFor = (host: string) => `ws://${host.replace(/:\d+$/, '')}:7880`;
    h = await startHarness(backend, inject('redisUrl'), {
      turn,
      livekit: { ...LIVEKIT, clientUrlFor },
    });
  });
  afterAll(() => h?.close());

  it('answers anyone, before they have a pass, with the LiveKit and TURN URLs a join would use, without TURN credentials', async () => {
    const res = await h.app.inject({
      url: '/api/meetings/connectivity',
      headers: { host: 'meet.lan:8080' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { mediaProbeToken, ...targets } = res.json<{ mediaProbeToken?: string }>();
    expect(targets).toEqual({
      livekitUrl: 'ws://meet.lan:7880',
      turnUrls: turn.urls.filter((url) => url.startsWith('turn:')),
    });
    expect(res.body).not.toContain(turn.secret);
    expect(res.body).not.toMatch(/credential|username/);

    // The media probe's token: a minute in the check room, hidden, publishing nothing.
    const claims = await new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(
      mediaProbeToken ?? '',
    );
    expect(claims.video).toMatchObject({
      room: 'gomeet-connection-check',
      roomJoin: true,
      hidden: true,
      canPublish: false,
      canPublishData: false,
    });
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.sub).toMatch(/^connection-check-/);
    expect((claims.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(60);
    const again = await h.app.inject({ url: '/api/meetings/connectivity' });
    expect(again.json<{ mediaProbeToken: string }>().mediaProbeToken).not.toBe(mediaProbeToken);
  });

  it('answers an empty TURN list when TURN is off, and is in the OpenAPI document as public', async () => {
    const app = h.variant({ turn: undefined });
    await app.ready();
    const res = await app.inject({ url: '/api/meetings/connectivity' });
    expect(res.json()).toMatchObject({ livekitUrl: 'ws://localhost:7880', turnUrls: [] });

    const doc = (await h.call('GET', '/api/openapi.json')).json<{
      paths: Record<string, { get?: { security?: unknown[] } }>;
    }>();
    expect(doc.paths['/api/meetings/connectivity']?.get?.security).toEqual([]);
  });
});
