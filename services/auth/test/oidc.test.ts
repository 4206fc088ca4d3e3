import { freePort, loggerOptions } from '@gomeet/platform';
import type { Session, User } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { startOidcProvider, type OidcTestProvider } from '@gomeet/testing/oidc-provider';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OidcSettings } from '../src/index.js';
import { CookieClient, signInAtProvider, ssoFragment } from './oidc-support.js';
import { bearer, newEmail, register, startAuth, type TestAuth } from './support.js';

const SECRET = 'a client secret nobody may ever see in a log';

describeBackends('single sign-on with OpenID Connect on $name', (backend) => {
  let idp: OidcTestProvider;
  let auth: TestAuth;
  let url: string;
  const logged: string[] = [];

  beforeAll(async () => {
    idp = await startOidcProvider();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const callback = (id: string) => `${url}/api/auth/oidc/${id}/callback`;
    const settings: OidcSettings = {
      publicUrl: url,
      passwordLogin: true,
      providers: [
        {
          id: 'acme',
          name: 'Acme ID',
          issuer: idp.issuer,
          clientId: 'gomeet',
          clientSecret: SECRET,
        },
        {
          id: 'brief',
          name: 'Brief ID',
          issuer: idp.issuer,
          clientId: 'brief',
          clientSecret: SECRET,
        },
        // The provider's own discovery document names idp.issuer, not this address.
        {
          id: 'wrong',
          name: 'Wrong ID',
          issuer: idp.otherAddress,
          clientId: 'gomeet',
          clientSecret: SECRET,
        },
      ],
    };
    idp.configure([
      {
        clientId: 'gomeet',
        clientSecret: SECRET,
        redirectUris: [callback('acme'), callback('wrong')],
      },
      {
        clientId: 'brief',
        clientSecret: SECRET,
        redirectUris: [callback('brief')],
        codeTtlSeconds: 1,
      },
    ]);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    auth = await startAuth(backend, {
      oidc: settings,
      logger: pino(loggerOptions('auth', 'debug'), sink),
    });
    await auth.app.listen({ host: '127.0.0.1', port });
  }, 60_000);
  afterAll(async () => {
    await auth?.close();
    await idp?.close();
  });

  /** A provider account with a fresh address; returns its login name and address. */
  const account = (claims: { email?: string; emailVerified?: boolean; name?: string } = {}) => {
    const login = `login-${randomUUID()}`;
    const email = claims.email ?? newEmail();
    idp.accounts.set(login, { email, name: 'Ines Idp', ...claims });
    return { login, email };
  };

  /** Follows the callback and trades the hand-off code: the session GoMeet gives. */
  const finish = async (browser: CookieClient, callbackUrl: string): Promise<Session> => {
    const { location } = await browser.request(callbackUrl);
    const fragment = ssoFragment(location!);
    expect(fragment.error, fragment.message).toBeUndefined();
    const res = await fetch(`${url}/api/auth/oidc/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: fragment.code }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Session;
  };

  const signIn = async (login: string, providerId = 'acme') => {
    const browser = new CookieClient();
    const callback = await signInAtProvider(browser, { goMeetUrl: url, providerId, login });
    return { browser, callback };
  };

  it('lists the providers and that passwords are accepted', async () => {
    const res = await auth.app.inject({ url: '/api/auth/providers' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      passwordLogin: true,
      providers: [
        { id: 'acme', name: 'Acme ID', startUrl: '/api/auth/oidc/acme/start' },
        { id: 'brief', name: 'Brief ID', startUrl: '/api/auth/oidc/brief/start' },
        { id: 'wrong', name: 'Wrong ID', startUrl: '/api/auth/oidc/wrong/start' },
      ],
    });
  });

  it('signs a new person in: an account from the verified email, the same session as a password sign-in, the same account next time', async () => {
    const { login, email } = account({ name: 'Ines Idp' });
    const { browser, callback } = await signIn(login);
    expect(callback).toMatch(new RegExp(`^${url}/api/auth/oidc/acme/callback\\?code=`));
    const session = await finish(browser, callback);
    expect(session.user).toMatchObject({ email, displayName: 'Ines Idp' });
    expect(session.tokenType).toBe('Bearer');
    const me = await auth.app.inject({ url: '/api/auth/me', headers: bearer(session.accessToken) });
    expect(me.json<User>().id).toBe(session.user.id);
    const refreshed = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);

    const again = await signIn(login);
    expect((await finish(again.browser, again.callback)).user.id).toBe(session.user.id);
  });

  it('links to the password account with the same verified address; the password still works', async () => {
    const existing = await register(auth.app, { displayName: 'Pat Password' });
    const { login } = account({ email: existing.user.email.toUpperCase() });
    const { browser, callback } = await signIn(login);
    const session = await finish(browser, callback);
    expect(session.user).toMatchObject({ id: existing.user.id, displayName: 'Pat Password' });
    const password = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: existing.user.email, password: existing.password },
    });
    expect(password.statusCode).toBe(200);
  });

  it('refuses an address the provider did not verify: no link, no account', async () => {
    const existing = await register(auth.app);
    const { login } = account({ email: existing.user.email, emailVerified: false });
    const { browser, callback } = await signIn(login);
    const { location } = await browser.request(callback);
    const fragment = ssoFragment(location!);
    expect(fragment.error).toBe('sso-email-unverified');
    expect(fragment.message).toContain('Acme ID did not confirm an email address');
    expect(fragment.code).toBeUndefined();
  });

  it('refuses a provider whose discovery names another issuer, saying so', async () => {
    const { login } = account();
    const { callback } = await signIn(login, 'wrong');
    const fragment = ssoFragment(callback);
    expect(fragment.error).toBe('sso-issuer-mismatch');
    expect(fragment.message).toBe(
      `Wrong ID answered as a different issuer than the one configured (${idp.otherAddress}); an administrator must correct its issuer in OIDC_PROVIDERS.`,
    );
  });

  it('refuses a replayed state, even with the cookie that started it', async () => {
    const { login } = account();
    const { browser, callback } = await signIn(login);
    const cookie = browser.cookies.get('gomeet_sso_state');
    expect(cookie).toBeTruthy();
    await finish(browser, callback);
    browser.cookies.set('gomeet_sso_state', cookie!);
    const { location } = await browser.request(callback);
    const fragment = ssoFragment(location!);
    expect(fragment.error).toBe('sso-state-invalid');
    expect(fragment.message).toBe(
      'This sign-in answer was already used (a replayed state); it counts only once. Start again from GoMeet.',
    );
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    const { login } = account();
    const { callback } = await signIn(login);
    const { location } = await new CookieClient().request(callback);
    const fragment = ssoFragment(location!);
    expect(fragment.error).toBe('sso-state-invalid');
    expect(fragment.message).toContain('started in another browser');
  });

  it('refuses an expired code with a message, not an error page', async () => {
    const { login } = account();
    const { browser, callback } = await signIn(login, 'brief');
    // Brief ID's codes last one second.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const { res, location } = await browser.request(callback);
    expect(res.status).toBe(303);
    const fragment = ssoFragment(location!);
    expect(fragment.error).toBe('sso-code-rejected');
    expect(fragment.message).toBe(
      'Brief ID refused the sign-in code: it expired or was already used. Start again from GoMeet.',
    );
  });

  it('refuses an account an administrator disabled, saying so', async () => {
    const { login, email } = account();
    const first = await signIn(login);
    const session = await finish(first.browser, first.callback);
    await sql`update auth_users set disabled_at = now() where email = ${email}`.execute(
      auth.database.db,
    );
    const again = await signIn(login);
    const { location } = await again.browser.request(again.callback);
    const fragment = ssoFragment(location!);
    expect(fragment.error).toBe('sso-account-unavailable');
    expect(fragment.message).toContain('disabled by an administrator');
    expect(session.user.email).toBe(email);
  });

  it('counts the hand-off code once', async () => {
    const { login } = account();
    const { browser, callback } = await signIn(login);
    const { location } = await browser.request(callback);
    const { code } = ssoFragment(location!);
    const trade = () =>
      auth.app.inject({ method: 'POST', url: '/api/auth/oidc/session', payload: { code } });
    expect((await trade()).statusCode).toBe(200);
    const second = await trade();
    expect(second.statusCode).toBe(401);
    expect(second.json<{ type: string }>().type).toBe(
      'https://gomeet.dev/problems/sso-handoff-invalid',
    );
  });

  it('sends an unknown provider back to the web app with a message', async () => {
    const { location } = await new CookieClient().request(`${url}/api/auth/oidc/nobody/start`);
    expect(ssoFragment(location!)).toMatchObject({
      error: 'sso-unknown-provider',
      message: 'No sign-in provider called "nobody" is configured.',
    });
  });

  it('documents the single sign-on routes in OpenAPI, tagged auth', async () => {
    type Op = { tags?: string[]; responses: Record<string, unknown>; requestBody?: unknown };
    const doc = (await auth.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Op>>;
    }>();
    const op = (path: string, method: string) => doc.paths[path]?.[method];
    expect(op('/api/auth/providers', 'get')?.responses['200']).toBeDefined();
    expect(op('/api/auth/oidc/{provider}/start', 'get')?.responses['303']).toBeDefined();
    expect(op('/api/auth/oidc/{provider}/callback', 'get')?.responses['303']).toBeDefined();
    expect(op('/api/auth/oidc/session', 'post')?.requestBody).toBeDefined();
    expect(op('/api/auth/oidc/session', 'post')?.responses['401']).toBeDefined();
    for (const [path, method] of [
      ['/api/auth/providers', 'get'],
      ['/api/auth/oidc/{provider}/start', 'get'],
      ['/api/auth/oidc/{provider}/callback', 'get'],
      ['/api/auth/oidc/session', 'post'],
    ] as const)
      expect(op(path, method)?.tags, `${method} ${path}`).toEqual(['auth']);
  });

  it('logs refusals with their reason, never the client secret', () => {
    const log = logged.join('\n');
    expect(log).toContain('single sign-on refused');
    expect(log).not.toContain(SECRET);
  });
});
