import type { Session } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, expectProblem, register, startAuth, testClock, type TestAuth } from './support.js';

describeBackends('sessions on $name', (backend) => {
  let auth: TestAuth;
  const clock = testClock();
  beforeAll(async () => {
    auth = await startAuth(backend, { now: clock.now, refreshTokenTtlSeconds: 3600 });
  });
  afterAll(() => auth?.close());

  const refresh = (refreshToken: string) =>
    auth.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });

  it('rotates the refresh token on every use', async () => {
    const session = await register(auth.app);
    const first = await refresh(session.refreshToken);
    expect(first.statusCode).toBe(200);
    const next = first.json<Session>();
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.accessToken).not.toBe(session.accessToken);
    expect(next.user).toEqual(session.user);
    expect(
      (await auth.app.inject({ url: '/api/auth/me', headers: bearer(next.accessToken) }))
        .statusCode,
    ).toBe(200);
    expect((await refresh(next.refreshToken)).statusCode).toBe(200);
  });

  it('revokes the whole session when a rotated token is presented again, the newest token included', async () => {
    const session = await register(auth.app);
    const r1 = (await refresh(session.refreshToken)).json<Session>().refreshToken;
    const r2 = (await refresh(r1)).json<Session>().refreshToken;

    const reuse = await refresh(r1);
    expect(expectProblem(reuse, 401, 'refresh-token-reused').detail).toMatch(/already used/);
    expectProblem(await refresh(r2), 401, 'invalid-refresh-token');
    expectProblem(await refresh(session.refreshToken), 401, 'invalid-refresh-token');
  });

  it('leaves the user’s other sessions alone when one is revoked for reuse', async () => {
    const session = await register(auth.app);
    const other = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: session.user.email, password: session.password },
    });
    await refresh(session.refreshToken);
    await refresh(session.refreshToken);
    expect((await refresh(other.json<Session>().refreshToken)).statusCode).toBe(200);
  });

  it('refuses an expired refresh token', async () => {
    const session = await register(auth.app);
    clock.advance(3601);
    expectProblem(await refresh(session.refreshToken), 401, 'refresh-token-expired');
  });

  it('refuses a refresh token it never issued', async () => {
    expectProblem(
      await refresh('bm90IGEgcmVmcmVzaCB0b2tlbiB0aGF0IGV4aXN0cw'),
      401,
      'invalid-refresh-token',
    );
  });

  it('refuses a refresh request without a token, naming the field', async () => {
    const res = await auth.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: {} });
    expect(expectProblem(res, 400, 'validation').errors?.map((e) => e.field)).toEqual([
      'body.refreshToken',
    ]);
  });

  it('signs out the session of the access token when logout has no body', async () => {
    const session = await register(auth.app);
    const other = (
      await auth.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: session.user.email, password: session.password },
      })
    ).json<Session>();
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(session.accessToken),
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expectProblem(await refresh(session.refreshToken), 401, 'invalid-refresh-token');
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
  });

  it('signs out the session of the given refresh token, and logging out twice is fine', async () => {
    const session = await register(auth.app);
    const rotated = (await refresh(session.refreshToken)).json<Session>();
    const logout = () =>
      auth.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: bearer(session.accessToken),
        payload: { refreshToken: rotated.refreshToken },
      });
    expect((await logout()).statusCode).toBe(204);
    expectProblem(await refresh(rotated.refreshToken), 401, 'invalid-refresh-token');
    expect((await logout()).statusCode).toBe(204);
  });

  it('does not let one user sign out another user’s session', async () => {
    const alice = await register(auth.app);
    const mallory = await register(auth.app);
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(mallory.accessToken),
      payload: { refreshToken: alice.refreshToken },
    });
    expect(res.statusCode).toBe(204);
    expect((await refresh(alice.refreshToken)).statusCode).toBe(200);
  });

  it('refuses an access token once it has expired', async () => {
    const session = await register(auth.app);
    clock.advance(901);
    const res = await auth.app.inject({
      url: '/api/auth/me',
      headers: bearer(session.accessToken),
    });
    expectProblem(res, 401, 'token-expired');
  });
});
