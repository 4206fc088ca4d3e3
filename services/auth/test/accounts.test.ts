import type { Session, User } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, expectProblem, newEmail, register, startAuth, type TestAuth } from './support.js';

describeBackends('accounts on $name', (backend) => {
  let auth: TestAuth;
  beforeAll(async () => {
    auth = await startAuth(backend);
  });
  afterAll(() => auth?.close());

  const login = (email: string, password: string) =>
    auth.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it('registers an account and signs it in', async () => {
    const email = newEmail();
    const session = await register(auth.app, {
      email: email.toUpperCase(),
      displayName: '  Grace Hopper ',
    });
    expect(session.user).toMatchObject({ email, displayName: 'Grace Hopper' });
    expect(session.tokenType).toBe('Bearer');
    expect(session.expiresIn).toBe(900);
    expect(Buffer.from(session.refreshToken, 'base64url')).toHaveLength(32);
    const me = await auth.app.inject({ url: '/api/auth/me', headers: bearer(session.accessToken) });
    expect(me.statusCode).toBe(200);
    expect(me.json<User>()).toEqual(session.user);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const email = newEmail();
    await register(auth.app, { email });
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: {
        email: email.toUpperCase(),
        password: 'another long password',
        displayName: 'Twin',
      },
    });
    expectProblem(res, 409, 'email-taken');
  });

  it('refuses a password shorter than 12 characters, naming the field', async () => {
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: newEmail(), password: 'short', displayName: 'Shorty' },
    });
    const body = expectProblem(res, 400, 'validation');
    expect(body.errors).toEqual([
      { field: 'body.password', message: 'password must be at least 12 characters' },
    ]);
  });

  it('signs in with the right password and answers a wrong password like an unknown email', async () => {
    const { user, password } = await register(auth.app);
    const ok = await login(user.email, password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Session>().user.id).toBe(user.id);

    const wrongPassword = await login(user.email, 'not the password at all');
    const unknownEmail = await login(newEmail(), password);
    const a = expectProblem(wrongPassword, 401, 'invalid-credentials');
    const b = expectProblem(unknownEmail, 401, 'invalid-credentials');
    expect(a.detail).toBe(b.detail);
  });

  it('spends comparable time on an unknown email and on a wrong password', async () => {
    const { user } = await register(auth.app);
    await login(newEmail(), 'warm up the dummy hash');
    const time = async (email: string) => {
      const start = performance.now();
      await login(email, 'not the password at all');
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(user.email));
      unknown.push(await time(newEmail()));
    }
    // Both run one argon2id verification; without the dummy check an unknown email answers in
    // ~1 ms. A loaded machine only ever adds time, so each side's fastest run is its real cost.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.25);
  });

  it('updates the display name, and the next access token carries it', async () => {
    const session = await register(auth.app);
    const res = await auth.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: bearer(session.accessToken),
      payload: { displayName: 'Ada King' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>().displayName).toBe('Ada King');
    const refreshed = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refreshed.json<Session>().user.displayName).toBe('Ada King');
    const claims = JSON.parse(
      Buffer.from(refreshed.json<Session>().accessToken.split('.')[1]!, 'base64url').toString(),
    ) as {
      name: string;
    };
    expect(claims.name).toBe('Ada King');
  });

  it('refuses an empty display name, naming the field', async () => {
    const session = await register(auth.app);
    const res = await auth.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: bearer(session.accessToken),
      payload: { displayName: '   ' },
    });
    const body = expectProblem(res, 400, 'validation');
    expect(body.errors?.[0]?.field).toBe('body.displayName');
  });

  it('changes the password and signs out every other session, keeping this one', async () => {
    const first = await register(auth.app);
    const other = (await login(first.user.email, first.password)).json<Session>();
    const changed = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/me/password',
      headers: bearer(first.accessToken),
      payload: { currentPassword: first.password, newPassword: 'a brand new passphrase' },
    });
    expect(changed.statusCode).toBe(204);

    const refresh = (refreshToken: string) =>
      auth.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
    expectProblem(await refresh(other.refreshToken), 401, 'invalid-refresh-token');
    expect((await refresh(first.refreshToken)).statusCode).toBe(200);
    expectProblem(await login(first.user.email, first.password), 401, 'invalid-credentials');
    expect((await login(first.user.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('refuses a password change when the current password is wrong', async () => {
    const session = await register(auth.app);
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/me/password',
      headers: bearer(session.accessToken),
      payload: { currentPassword: 'this is not it at all', newPassword: 'a brand new passphrase' },
    });
    expectProblem(res, 403, 'wrong-password');
    expect((await login(session.user.email, session.password)).statusCode).toBe(200);
  });

  it('refuses a too-short new password, naming the field', async () => {
    const session = await register(auth.app);
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/me/password',
      headers: bearer(session.accessToken),
      payload: { currentPassword: session.password, newPassword: 'short' },
    });
    const body = expectProblem(res, 400, 'validation');
    expect(body.errors?.map((e) => e.field)).toEqual(['body.newPassword']);
  });

  it('needs a bearer access token for the account routes', async () => {
    const requests = [
      { method: 'GET', url: '/api/auth/me' },
      { method: 'PATCH', url: '/api/auth/me', payload: { displayName: 'Nobody' } },
      {
        method: 'POST',
        url: '/api/auth/me/password',
        payload: { currentPassword: 'x', newPassword: 'long enough password' },
      },
      { method: 'POST', url: '/api/auth/logout' },
      { method: 'POST', url: '/api/auth/turn-credentials' },
    ] as const;
    for (const request of requests) {
      const res = await auth.app.inject(request);
      expect(expectProblem(res, 401, 'unauthenticated').detail).toMatch(/bearer access token/);
    }
  });

  it('refuses a bearer token that is not a GoMeet access token', async () => {
    const res = await auth.app.inject({ url: '/api/auth/me', headers: bearer('not.a.jwt') });
    expect(expectProblem(res, 401, 'unauthenticated').detail).toBe('The access token is invalid.');
  });
});
