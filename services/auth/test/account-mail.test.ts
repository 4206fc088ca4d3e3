import type { Session } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { startSmtpInbox, type SmtpInbox } from '@gomeet/testing/smtp-inbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMailer } from '../src/index.js';
import { linkToken, NEW_PASSWORD, post } from './mail-support.js';
import { bearer, expectProblem, newEmail, startAuth, testClock, type TestAuth } from './support.js';

const APP_URL = 'http://gomeet.test';
const PASSWORD = 'correct horse battery staple';

describeBackends('account mail over SMTP on $name', (backend) => {
  let auth: TestAuth;
  let inbox: SmtpInbox;
  const clock = testClock();

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    const mailer = createMailer({
      smtpUrl: inbox.url,
      from: 'GoMeet <gomeet@gomeet.test>',
      folder: '',
    });
    auth = await startAuth(backend, { mail: { mailer, appUrl: APP_URL }, now: clock.now });
  });
  afterAll(async () => {
    await auth?.close();
    await inbox?.close();
  });

  const signUp = (email: string) =>
    post(auth.app, '/register', { email, password: PASSWORD, displayName: 'Mail Tester' });
  const login = (email: string, password: string) => post(auth.app, '/login', { email, password });

  /** Signs up and opens the verification link: an account that can sign in. */
  async function verifiedAccount(): Promise<{ email: string; session: Session }> {
    const email = newEmail();
    expect((await signUp(email)).statusCode).toBe(202);
    const token = linkToken(await inbox.waitFor(email, /Confirm your email/), '/verify-email');
    expect((await post(auth.app, '/verify-email', { token })).statusCode).toBe(204);
    const res = await login(email, PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    return { email, session: res.json<Session>() };
  }

  async function resetToken(email: string): Promise<string> {
    const res = await post(auth.app, '/password-reset/request', { email });
    expect(res.statusCode).toBe(202);
    return linkToken(await inbox.waitFor(email, /Reset your GoMeet password/), '/reset-password');
  }

  it('answers sign-up the same whether or not the address has an account, and mails each owner', async () => {
    const { email: taken } = await verifiedAccount();
    const fresh = newEmail();
    const first = await signUp(fresh);
    const again = await signUp(taken);
    expect([first.statusCode, again.statusCode]).toEqual([202, 202]);
    expect(again.body).toBe(first.body);
    expect(first.json()).toEqual({ status: 'check-email' });

    const verify = await inbox.waitFor(fresh, /Confirm your email address/);
    expect(verify.text).toContain(`${APP_URL}/verify-email?token=`);
    const notice = await inbox.waitFor(taken, /Someone tried to sign up/);
    expect(notice.text).toContain(`${APP_URL}/reset-password`);
    expect(notice.text).not.toContain('token=');
  });

  it('lets a new account sign in only after its verification link, which works once', async () => {
    const email = newEmail();
    await signUp(email);
    expectProblem(await login(email, PASSWORD), 403, 'email-not-verified');
    const token = linkToken(await inbox.waitFor(email, /Confirm your email/), '/verify-email');
    expect((await post(auth.app, '/verify-email', { token })).statusCode).toBe(204);
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
    const reused = expectProblem(
      await post(auth.app, '/verify-email', { token }),
      410,
      'link-used',
    );
    expect(reused.detail).toBe('This link was already used. Ask for a new one if you need it.');
  });

  it('refuses a wrong token and a reset token used to verify', async () => {
    const { email } = await verifiedAccount();
    const wrong = await post(auth.app, '/verify-email', { token: 'not-a-real-token' });
    expect(expectProblem(wrong, 400, 'invalid-link').detail).toMatch(/not valid/);
    const reset = await resetToken(email);
    expectProblem(await post(auth.app, '/verify-email', { token: reset }), 400, 'invalid-link');
    expectProblem(
      await post(auth.app, '/password-reset', { token: 'x'.repeat(43), newPassword: NEW_PASSWORD }),
      400,
      'invalid-link',
    );
  });

  it('answers a reset request for an unknown address like a known one and mails nobody', async () => {
    const { email } = await verifiedAccount();
    const unknown = newEmail();
    const known = await post(auth.app, '/password-reset/request', { email });
    const stranger = await post(auth.app, '/password-reset/request', { email: unknown });
    expect([known.statusCode, stranger.statusCode]).toEqual([202, 202]);
    expect(stranger.body).toBe(known.body);
    await inbox.waitFor(email, /Reset your GoMeet password/);
    expect(inbox.received.filter((m) => m.to === unknown)).toEqual([]);
  });

  it('resets the password by link: every session signed out, the new password works, the owner told, the link spent', async () => {
    const { email, session } = await verifiedAccount();
    const token = await resetToken(email);
    const res = await post(auth.app, '/password-reset', { token, newPassword: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(204);

    expectProblem(
      await post(auth.app, '/refresh', { refreshToken: session.refreshToken }),
      401,
      'invalid-refresh-token',
    );
    const me = await auth.app.inject({ url: '/api/auth/me', headers: bearer(session.accessToken) });
    expectProblem(me, 401, 'session-revoked');
    expectProblem(await login(email, PASSWORD), 401, 'invalid-credentials');
    expect((await login(email, NEW_PASSWORD)).statusCode).toBe(200);
    await inbox.waitFor(email, /Your GoMeet password was changed/);

    const again = await post(auth.app, '/password-reset', {
      token,
      newPassword: 'yet another passphrase',
    });
    expectProblem(again, 410, 'link-used');
  });

  it('refuses a reset link after its hour', async () => {
    const { email } = await verifiedAccount();
    const token = await resetToken(email);
    clock.advance(3601);
    const res = await post(auth.app, '/password-reset', { token, newPassword: NEW_PASSWORD });
    expect(expectProblem(res, 410, 'link-expired').detail).toBe(
      'This link has expired. Ask for a new one.',
    );
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
  });

  it('mails a notice when the password is changed from the profile', async () => {
    const { email, session } = await verifiedAccount();
    const res = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/me/password',
      headers: bearer(session.accessToken),
      payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(204);
    const notice = await inbox.waitFor(email, /Your GoMeet password was changed/);
    expect(notice.text).toContain('If this was not you');
  });

  it('lists the sessions and signs out everywhere', async () => {
    const { email, session } = await verifiedAccount();
    const other = (await login(email, PASSWORD)).json<Session>();
    const list = await auth.app.inject({
      url: '/api/auth/me/sessions',
      headers: bearer(session.accessToken),
    });
    const { sessions } = list.json<{ sessions: { current: boolean }[] }>();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    const out = await post(
      auth.app,
      '/me/sign-out-everywhere',
      undefined,
      bearer(session.accessToken),
    );
    expect(out.statusCode).toBe(204);
    for (const s of [session, other]) {
      expectProblem(
        await post(auth.app, '/refresh', { refreshToken: s.refreshToken }),
        401,
        'invalid-refresh-token',
      );
      const me = await auth.app.inject({ url: '/api/auth/me', headers: bearer(s.accessToken) });
      expectProblem(me, 401, 'session-revoked');
    }
  });

  it('signs out one other session and refuses a session that is not the caller’s', async () => {
    const { email, session } = await verifiedAccount();
    const other = (await login(email, PASSWORD)).json<Session>();
    const stranger = await verifiedAccount();
    const list = await auth.app.inject({
      url: '/api/auth/me/sessions',
      headers: bearer(session.accessToken),
    });
    const otherId = list
      .json<{ sessions: { id: string; current: boolean }[] }>()
      .sessions.find((s) => !s.current)!.id;
    const end = (id: string, token: string) =>
      auth.app.inject({
        method: 'DELETE',
        url: `/api/auth/me/sessions/${id}`,
        headers: bearer(token),
      });

    expectProblem(await end(otherId, stranger.session.accessToken), 404, 'session-not-found');
    expect((await end(otherId, session.accessToken)).statusCode).toBe(204);
    const me = await auth.app.inject({ url: '/api/auth/me', headers: bearer(other.accessToken) });
    expectProblem(me, 401, 'session-revoked');
    const mine = await auth.app.inject({
      url: '/api/auth/me',
      headers: bearer(session.accessToken),
    });
    expect(mine.statusCode).toBe(200);
    expectProblem(await end(otherId, session.accessToken), 404, 'session-not-found');
  });
});
