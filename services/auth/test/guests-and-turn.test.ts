import { createTokenVerifier } from '@gomeet/platform';
import type { GuestSession } from '@gomeet/protocol';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet } from 'jose';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, expectProblem, register, startAuth, testClock, type TestAuth } from './support.js';

describeBackends('guests and TURN on $name', (backend) => {
  let auth: TestAuth;
  const clock = testClock(new Date('2030-01-02T03:04:05Z'));
  beforeAll(async () => {
    auth = await startAuth(backend, { now: clock.now });
  });
  afterAll(() => auth?.close());

  const guest = (payload: object) =>
    auth.app.inject({ method: 'POST', url: '/api/auth/guest', payload });

  it('issues a guest token for one meeting that other services accept as a guest', async () => {
    const res = await guest({ meetingCode: 'abc-defg-hij', displayName: 'Visitor' });
    expect(res.statusCode).toBe(200);
    const body = res.json<GuestSession>();
    expect(body.guest.id).toMatch(/^guest:[0-9a-f-]{36}$/);
    expect(body.guest).toMatchObject({ displayName: 'Visitor', meetingCode: 'abc-defg-hij' });

    const claims = decodeJwt(body.accessToken);
    expect(claims).toMatchObject({
      sub: body.guest.id,
      kind: 'guest',
      name: 'Visitor',
      mtg: 'abc-defg-hij',
      iss: 'gomeet',
      aud: 'gomeet',
    });
    expect(claims.email).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(body.expiresIn);

    const jwks = (
      await auth.app.inject({ url: '/api/auth/.well-known/jwks.json' })
    ).json<JSONWebKeySet>();
    // The platform verifier checks expiry against the real clock, so it sees this 2030 token as current.
    const actor = await createTokenVerifier(createLocalJWKSet(jwks)).verify(body.accessToken);
    expect(actor).toEqual({
      id: body.guest.id,
      kind: 'guest',
      name: 'Visitor',
      meeting: 'abc-defg-hij',
    });
  });

  it('refuses a malformed meeting code, naming the field', async () => {
    const res = await guest({ meetingCode: 'ABC', displayName: 'Visitor' });
    const body = expectProblem(res, 400, 'validation');
    expect(body.errors).toEqual([
      { field: 'body.meetingCode', message: 'expected a meeting code like abc-defg-hij' },
    ]);
  });

  it('keeps guests out of the account routes', async () => {
    const token = (
      await guest({ meetingCode: 'abc-defg-hij', displayName: 'Visitor' })
    ).json<GuestSession>().accessToken;
    expectProblem(
      await auth.app.inject({ url: '/api/auth/me', headers: bearer(token) }),
      403,
      'account-required',
    );
    const logout = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(token),
    });
    expectProblem(logout, 403, 'account-required');
  });

  it('hands out TURN credentials only with a join answer: the old route refuses users and guests', async () => {
    const session = await register(auth.app);
    const visitor = (
      await guest({ meetingCode: 'abc-defg-hij', displayName: 'Visitor' })
    ).json<GuestSession>();
    for (const token of [session.accessToken, visitor.accessToken]) {
      const res = await auth.app.inject({
        method: 'POST',
        url: '/api/auth/turn-credentials',
        headers: bearer(token),
      });
      expect(expectProblem(res, 403, 'turn-credentials-in-join-answer').detail).toMatch(
        /join answer/,
      );
      expect(res.body).not.toContain('credential"');
    }
  });
});
