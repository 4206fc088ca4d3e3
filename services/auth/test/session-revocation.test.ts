import type { Session } from '@gomeet/protocol';
import {
  actorOf,
  createApp,
  createInProcessBus,
  createSessionRevocations,
  createTokenVerifier,
  requireAuthentication,
  type Actor,
  type TokenVerifier,
} from '@gomeet/platform';
import { databaseBackends } from '@gomeet/testing';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, register, startAuth, type TestAuth } from './support.js';

// Revocation does not depend on the database kind; the embedded one is enough here.
const pglite = databaseBackends(null)[0]!;

describe('logout revokes the access token at once', () => {
  let auth: TestAuth;
  const bus = createInProcessBus();
  // auth-service's revocations, and another "pod" (meeting, chat, signaling) on the same bus.
  const authPod = createSessionRevocations({ bus });
  const otherPod = createSessionRevocations({ bus });
  beforeAll(async () => {
    await Promise.all([authPod.ready, otherPod.ready]);
    auth = await startAuth(pglite, { revocations: authPod });
  });
  afterAll(async () => {
    await auth?.close();
    await bus.close();
  });

  const me = (token: string) => auth.app.inject({ url: '/api/auth/me', headers: bearer(token) });
  const login = async (email: string, password: string) => {
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Session>();
  };
  const logout = async (token: string) => {
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(204);
  };
  async function verifierOfOtherPod() {
    const jwks = await auth.app.inject({ url: '/api/auth/.well-known/jwks.json' });
    return createTokenVerifier(createLocalJWKSet(jwks.json()), { revocations: otherPod });
  }

  it('refuses the signed-out token here and on other pods, cached or not; other sessions work', async () => {
    const session = await register(auth.app);
    const laptop = await login(session.user.email, session.password);
    const otherVerifier = await verifierOfOtherPod();
    // Verified (and cached) before the logout.
    const actor: Actor = await otherVerifier.verify(session.accessToken);
    expect(actor.sessionId).toBeTruthy();
    expect((await me(session.accessToken)).statusCode).toBe(200);

    await logout(session.accessToken);

    expectProblem(await me(session.accessToken), 401, 'session-revoked');
    await expect(otherVerifier.verify(session.accessToken)).rejects.toMatchObject({
      type: 'session-revoked',
    });
    expect((await me(laptop.accessToken)).statusCode).toBe(200);
    await expect(otherVerifier.verify(laptop.accessToken)).resolves.toMatchObject({
      id: session.user.id,
    });
  });

  it('refuses a signed-out token on another service’s route that saw it before the logout', async () => {
    const session = await register(auth.app);
    const verifier: TokenVerifier = await verifierOfOtherPod();
    // A route of another service: its hook lets a token it has verified before pass at once.
    const service = createApp({ service: 'meeting', logLevel: false });
    requireAuthentication(service, verifier);
    service.get('/whoami', (request) => ({ id: actorOf(request).id }));
    const whoami = (token?: string) =>
      service.inject({ url: '/whoami', headers: token ? bearer(token) : {} });
    try {
      expect((await whoami(session.accessToken)).json()).toEqual({ id: session.user.id });
      expect(verifier.known?.(session.accessToken)?.id).toBe(session.user.id);
      expectProblem(await whoami(), 401, 'unauthenticated');

      await logout(session.accessToken);
      expectProblem(await whoami(session.accessToken), 401, 'session-revoked');
    } finally {
      await service.close();
    }
  });

  it('revokes the other sessions’ access tokens on a password change', async () => {
    const session = await register(auth.app);
    const phone = await login(session.user.email, session.password);
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/me/password',
      headers: bearer(session.accessToken),
      payload: { currentPassword: session.password, newPassword: 'a brand new passphrase' },
    });
    expect(res.statusCode, res.body).toBe(204);
    expectProblem(await me(phone.accessToken), 401, 'session-revoked');
    expect((await me(session.accessToken)).statusCode).toBe(200);
  });

  it('revokes the access tokens of a session whose refresh token was replayed', async () => {
    const session = await register(auth.app);
    const refresh = (refreshToken: string) =>
      auth.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
    const next = (await refresh(session.refreshToken)).json<Session>();
    expectProblem(await refresh(session.refreshToken), 401, 'refresh-token-reused');
    expectProblem(await me(next.accessToken), 401, 'session-revoked');
  });
});
