import type { AdminAuditEntry, AdminUser, AdminUserList, Session } from '@gomeet/protocol';
import { createInProcessBus, createSessionRevocations } from '@gomeet/platform';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { startSmtpInbox, type SmtpInbox } from '@gomeet/testing/smtp-inbox';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/index.js';
import { linkToken, NEW_PASSWORD, post } from './mail-support.js';
import { bearer, expectProblem, newEmail, register, startAuth, type TestAuth } from './support.js';

const PASSWORD = 'correct horse battery staple';
const APP_URL = 'http://gomeet.test';
const SOME_ID = '00000000-0000-4000-8000-000000000000';

type OpenApi = {
  paths: Record<string, Partial<Record<'get' | 'post', { tags: string[]; responses: object }>>>;
};

/** Every admin route of the auth-service, for the "refused to non-admins" table. */
const ADMIN_ROUTES: { method: 'GET' | 'POST'; url: string }[] = [
  { method: 'GET', url: '/api/auth/admin/users' },
  { method: 'POST', url: `/api/auth/admin/users/${SOME_ID}/disable` },
  { method: 'POST', url: `/api/auth/admin/users/${SOME_ID}/enable` },
  { method: 'POST', url: `/api/auth/admin/users/${SOME_ID}/force-password-reset` },
  { method: 'GET', url: '/api/auth/admin/audit' },
];

describeBackends('admin accounts on $name', (backend) => {
  let inbox: SmtpInbox;
  const started: TestAuth[] = [];
  beforeAll(async () => {
    inbox = await startSmtpInbox();
  });
  afterAll(async () => {
    await Promise.all(started.map((a) => a.close()));
    await inbox?.close();
  });

  /** A fresh install (its own empty database), mail folder-less: accounts sign in at once. */
  async function freshInstall(options: Parameters<typeof startAuth>[1] = {}) {
    const auth = await startAuth(backend, options);
    started.push(auth);
    return auth;
  }
  const login = (auth: TestAuth, email: string, password = PASSWORD) =>
    post(auth.app, '/login', { email, password });
  const call = (auth: TestAuth, method: 'GET' | 'POST', url: string, token: string) =>
    auth.app.inject({ method, url, headers: bearer(token) });

  it('makes the first account of a fresh install its admin, and nobody after it', async () => {
    const auth = await freshInstall();
    const first = await register(auth.app, { displayName: 'First Owner' });
    const second = await register(auth.app, { displayName: 'Second Person' });
    expect(first.user.admin).toBe(true);
    expect(decodeJwt(first.accessToken).adm).toBe(true);
    expect(second.user.admin).toBe(false);
    expect(decodeJwt(second.accessToken).adm).toBeUndefined();
    // It stays so on later sign-ins.
    const again = await login(auth, first.user.email);
    expect(again.json<Session>().user.admin).toBe(true);

    const list = await call(auth, 'GET', '/api/auth/admin/users', first.accessToken);
    expect(list.statusCode, list.body).toBe(200);
    const { users, total } = list.json<AdminUserList>();
    expect(total).toBe(2);
    expect(users.map((u) => [u.displayName, u.admin])).toEqual([
      ['Second Person', false],
      ['First Owner', true],
    ]);
  });

  it('refuses every admin route to a signed-in non-admin (403) and to nobody (401)', async () => {
    const auth = await freshInstall();
    await register(auth.app);
    const user = await register(auth.app);
    for (const route of ADMIN_ROUTES) {
      const res = await call(auth, route.method, route.url, user.accessToken);
      expectProblem(res, 403, 'admin-required');
      const anonymous = await auth.app.inject(route);
      expect(anonymous.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('documents every admin route in the OpenAPI document, tagged admin, with its 403', async () => {
    const auth = await freshInstall();
    const doc = (await auth.app.inject({ url: '/api/openapi.json' })).json<OpenApi>();
    for (const route of ADMIN_ROUTES) {
      const path = route.url.replace(SOME_ID, '{id}');
      const op = doc.paths[path]?.[route.method.toLowerCase() as 'get' | 'post'];
      expect(op?.tags, path).toEqual(['admin']);
      expect(Object.keys(op?.responses ?? {}), path).toEqual(
        expect.arrayContaining(['200', '401', '403']),
      );
    }
  });

  it('makes ADMIN_EMAILS accounts admins once their address is confirmed', async () => {
    const mailer = createMailer({ smtpUrl: inbox.url, from: 'GoMeet <g@gomeet.test>', folder: '' });
    const boss = newEmail();
    const auth = await freshInstall({
      mail: { mailer, appUrl: APP_URL },
      adminEmails: [boss.toUpperCase()],
    });
    // The install's first account, so that the listed one is not admin for being first.
    const first = newEmail();
    await post(auth.app, '/register', { email: first, password: PASSWORD, displayName: 'One' });
    expect(
      (await post(auth.app, '/register', { email: boss, password: PASSWORD, displayName: 'Boss' }))
        .statusCode,
    ).toBe(202);
    const token = linkToken(await inbox.waitFor(boss, /Confirm your email/), '/verify-email');
    expect((await post(auth.app, '/verify-email', { token })).statusCode).toBe(204);
    const res = await login(auth, boss);
    expect(res.statusCode, res.body).toBe(200);
    const session = res.json<Session>();
    expect(session.user.admin).toBe(true);
    expect((await call(auth, 'GET', '/api/auth/admin/users', session.accessToken)).statusCode).toBe(
      200,
    );
  });

  it('does not make an unconfirmed ADMIN_EMAILS address an admin', async () => {
    const boss = newEmail();
    const auth = await freshInstall({ adminEmails: [boss] });
    await register(auth.app);
    // Without SMTP the account signs in at once, its address unproven: anyone could have typed it.
    const squatter = await register(auth.app, { email: boss });
    expect(squatter.user.admin).toBe(false);
    expectProblem(
      await call(auth, 'GET', '/api/auth/admin/users', squatter.accessToken),
      403,
      'admin-required',
    );
  });

  describe('actions on accounts', () => {
    let auth: TestAuth;
    let admin: Session;
    const revocations = createSessionRevocations({ bus: createInProcessBus() });
    beforeAll(async () => {
      const mailer = createMailer({
        smtpUrl: inbox.url,
        from: 'GoMeet <g@gomeet.test>',
        folder: '',
      });
      await revocations.ready;
      auth = await freshInstall({ mail: { mailer, appUrl: APP_URL }, revocations });
      // Over SMTP sign-up waits for the address: the first account confirms and signs in.
      admin = await verifiedAccount('Admin Ada');
      expect(admin.user.admin).toBe(true);
    });

    async function verifiedAccount(displayName: string): Promise<Session> {
      const email = newEmail();
      const signUp = await post(auth.app, '/register', { email, password: PASSWORD, displayName });
      expect(signUp.statusCode).toBe(202);
      const token = linkToken(await inbox.waitFor(email, /Confirm your email/), '/verify-email');
      expect((await post(auth.app, '/verify-email', { token })).statusCode).toBe(204);
      const res = await login(auth, email);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Session>();
    }
    const act = (action: string, userId: string) =>
      call(auth, 'POST', `/api/auth/admin/users/${userId}/${action}`, admin.accessToken);
    const audit = async () => {
      const res = await call(auth, 'GET', '/api/auth/admin/audit', admin.accessToken);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ entries: AdminAuditEntry[] }>().entries;
    };

    it('disables an account: its sessions end, sign-in and refresh are refused in plain words; enabling lets it back', async () => {
      const victim = await verifiedAccount('Disabled Dan');
      const res = await act('disable', victim.user.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<AdminUser>().disabledAt).not.toBeNull();

      // The access token stops at once, the refresh token says why, and so does sign-in.
      expectProblem(
        await auth.app.inject({ url: '/api/auth/me', headers: bearer(victim.accessToken) }),
        401,
        'session-revoked',
      );
      const refresh = await post(auth.app, '/refresh', { refreshToken: victim.refreshToken });
      expect(expectProblem(refresh, 403, 'account-disabled').detail).toMatch(
        /disabled by an administrator/,
      );
      const signIn = await login(auth, victim.user.email);
      expect(expectProblem(signIn, 403, 'account-disabled').detail).toMatch(
        /disabled by an administrator/,
      );
      // A wrong password does not learn the account is disabled.
      expectProblem(
        await login(auth, victim.user.email, 'not the password at all'),
        401,
        'invalid-credentials',
      );

      expect((await act('enable', victim.user.id)).statusCode).toBe(200);
      expect((await login(auth, victim.user.email)).statusCode).toBe(200);

      const entries = await audit();
      expect(entries.slice(0, 2).map((e) => [e.action, e.target, e.adminId, e.adminEmail])).toEqual(
        [
          ['user.enable', victim.user.id, admin.user.id, admin.user.email],
          ['user.disable', victim.user.id, admin.user.id, admin.user.email],
        ],
      );
      expect(entries[1]?.details).toEqual({ email: victim.user.email, sessionsEnded: 1 });
    });

    it('forces a password reset: sessions end, sign-in waits for the mailed link, the new password works', async () => {
      const owner = await verifiedAccount('Reset Rita');
      const res = await act('force-password-reset', owner.user.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<AdminUser>().passwordResetRequired).toBe(true);
      expectProblem(
        await auth.app.inject({ url: '/api/auth/me', headers: bearer(owner.accessToken) }),
        401,
        'session-revoked',
      );
      const refused = await login(auth, owner.user.email);
      expect(expectProblem(refused, 403, 'password-reset-required').detail).toMatch(
        /choose a new password/,
      );

      const mail = await inbox.waitFor(owner.user.email, /Choose a new GoMeet password/);
      const token = linkToken(mail, '/reset-password');
      const reset = await post(auth.app, '/password-reset', { token, newPassword: NEW_PASSWORD });
      expect(reset.statusCode, reset.body).toBe(204);
      expectProblem(await login(auth, owner.user.email), 401, 'invalid-credentials');
      expect((await login(auth, owner.user.email, NEW_PASSWORD)).statusCode).toBe(200);

      const [entry] = await audit();
      expect(entry).toMatchObject({
        action: 'user.force-password-reset',
        target: owner.user.id,
        details: { email: owner.user.email, sessionsEnded: 1 },
      });
    });

    it('finds accounts by part of their email or name', async () => {
      const zed = await verifiedAccount('Zed Searchable');
      const res = await call(auth, 'GET', '/api/auth/admin/users?q=searchABLE', admin.accessToken);
      expect(res.json<AdminUserList>().users.map((u) => u.id)).toEqual([zed.user.id]);
      const none = await call(auth, 'GET', '/api/auth/admin/users?q=%25', admin.accessToken);
      expect(none.json<AdminUserList>().total).toBe(0);
    });

    it('refuses acting on oneself and on an unknown account', async () => {
      expectProblem(await act('disable', admin.user.id), 409, 'own-account');
      expectProblem(await act('disable', SOME_ID), 404, 'account-not-found');
      expectProblem(await act('disable', 'not-an-id'), 400, 'validation');
      // A non-admin is refused before the parameters are even read.
      const user = await verifiedAccount('Nosy Nick');
      const nosy = await call(
        auth,
        'POST',
        '/api/auth/admin/users/not-an-id/disable',
        user.accessToken,
      );
      expectProblem(nosy, 403, 'admin-required');
    });
  });
});
