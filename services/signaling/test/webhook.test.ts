import { createHash } from 'node:crypto';
import { createApp, createInProcessBus, createMetrics, migrate } from '@gomeet/platform';
import { AccessToken } from 'livekit-server-sdk';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { expect, it } from 'vitest';
import {
  LIVEKIT_EVENTS_TOPIC,
  signalingMigrations,
  webhookRoutes,
  type LiveKitEvent,
} from '../src/index.js';

const apiKey = 'testkey';
const apiSecret = 'a-test-secret-that-is-long-enough-1234';

/** Signs a body the way LiveKit does: a JWT whose sha256 claim is the body's base64 digest. */
async function sign(body: string, secret = apiSecret): Promise<string> {
  const token = new AccessToken(apiKey, secret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

function event(id: string, kind = 'participant_joined') {
  return JSON.stringify({
    id,
    event: kind,
    createdAt: Math.floor(Date.now() / 1000),
    room: { sid: 'RM_1', name: 'abc-defg-hij' },
    participant: { sid: 'PA_1', identity: 'user-1', name: 'Ada', metadata: '{"role":"host"}' },
  });
}

describeBackends('LiveKit webhook on $name', (backend) => {
  async function setup() {
    const database = await backend.open();
    await migrate(database.db, 'signaling', signalingMigrations);
    const bus = createInProcessBus();
    const published: LiveKitEvent[] = [];
    let markers = 0;
    await bus.subscribe(LIVEKIT_EVENTS_TOPIC, (m) => {
      if ((m as { testMarker?: true }).testMarker) markers++;
      else published.push(m as LiveKitEvent);
    });
    /** Resolves once all published before it has arrived: the bus keeps one topic in order. */
    const settled = async () => {
      const seen = markers;
      await bus.publish(LIVEKIT_EVENTS_TOPIC, { testMarker: true });
      await expect.poll(() => markers, { timeout: 5_000 }).toBeGreaterThan(seen);
    };
    const app = createApp({ service: 'signaling', metrics: createMetrics(), logLevel: false });
    await app.register(webhookRoutes, { db: database.db, bus, livekit: { apiKey, apiSecret } });
    const post = async (body: string, authorization?: string) =>
      app.inject({
        method: 'POST',
        url: '/livekit/webhook',
        headers: {
          'content-type': 'application/webhook+json',
          ...(authorization ? { authorization } : {}),
        },
        payload: body,
      });
    return { app, post, published, settled, close: database.close };
  }

  it('accepts a signed event, stores it and publishes it on the bus', async () => {
    const { post, published, settled, close } = await setup();
    const body = event('EV_1');
    const res = await post(body, await sign(body));
    expect(res.statusCode).toBe(200);
    await settled();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      id: 'EV_1',
      event: 'participant_joined',
      room: 'abc-defg-hij',
      participant: { identity: 'user-1' },
    });
    await close();
  });

  it('refuses an unsigned event, a wrong key and a tampered body with 401', async () => {
    const { post, published, settled, close } = await setup();
    const body = event('EV_2');
    expect((await post(body)).statusCode).toBe(401);
    expect(
      (await post(body, await sign(body, 'another-secret-that-is-long-enough-999'))).statusCode,
    ).toBe(401);
    expect((await post(event('EV_3'), await sign(body))).statusCode).toBe(401);
    const res = await post(body);
    expect(res.headers['content-type']).toContain('application/problem+json');
    await settled();
    expect(published).toHaveLength(0);
    await close();
  });

  it('treats a redelivered event as a harmless duplicate', async () => {
    const { post, published, settled, close } = await setup();
    const body = event('EV_4');
    const auth = await sign(body);
    expect((await post(body, auth)).json()).toEqual({ received: true, duplicate: false });
    expect((await post(body, auth)).json()).toEqual({ received: true, duplicate: true });
    await settled();
    expect(published).toHaveLength(1);
    await close();
  });
});
