import { randomUUID } from 'node:crypto';
import { createMetrics, createSessionRevocations, type SessionRevocations } from '@gomeet/platform';
import { CLOSE } from '@gomeet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import {
  memoryCluster,
  meetingCode,
  putRoster,
  TestClient,
  type Cluster,
} from './socket-harness.js';

describe('signaling socket: signed-out sessions', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  /** One pod: its own revocation cache over the cluster's bus, a verifier that consults it. */
  async function startPod(
    cluster: Cluster,
  ): Promise<{ url: string; revocations: SessionRevocations }> {
    const revocations = createSessionRevocations({ bus: cluster.bus });
    await revocations.ready;
    const app = buildApp({
      bus: cluster.bus,
      live: cluster.live,
      rateLimiter: cluster.rateLimiter,
      verifier: cluster.tokens.verifierWith({ revocations }),
      revocations,
      metrics: createMetrics(),
      logLevel: false,
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    closers.push(
      () => app.close(),
      () => revocations.close(),
    );
    return { url: `${address.replace('http', 'ws')}/ws`, revocations };
  }

  it('closes the sockets of a session revoked on another pod with 4412, and refuses its token after', async () => {
    const cluster = await memoryCluster();
    const [podA, podB] = [await startPod(cluster), await startPod(cluster)];
    const code = meetingCode();
    const sessionId = randomUUID();
    const ada = { ...cluster.tokens.user('Ada'), sessionId };
    const bob = { ...cluster.tokens.user('Bob'), sessionId: randomUUID() };
    await putRoster(cluster.live, code, ada, 'joined');
    await putRoster(cluster.live, code, bob, 'joined');
    const adaToken = await cluster.tokens.issue(ada);
    const adaSocket = await TestClient.connect(podB.url);
    adaSocket.hello(code, adaToken);
    await adaSocket.next('welcome');
    const bobSocket = await TestClient.connect(podB.url);
    bobSocket.hello(code, await cluster.tokens.issue(bob));
    await bobSocket.next('welcome');

    // Ada signs out; auth-service revokes on its own pod (A), the socket lives on B.
    await podA.revocations.revoke(sessionId);
    expect((await adaSocket.closed).code).toBe(CLOSE.SESSION_REVOKED);

    const again = await TestClient.connect(podB.url);
    again.hello(code, adaToken);
    expect((await again.closed).code).toBe(CLOSE.UNAUTHENTICATED);
    // Bob's session is untouched.
    bobSocket.send({ type: 'ping' });
    await bobSocket.next('pong');
  });
});
