import { freePort } from '@gomeet/platform';
import type { Session } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { startOidcProvider, type OidcTestProvider } from '@gomeet/testing/oidc-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CookieClient, signInAtProvider, ssoFragment } from './oidc-support.js';
import { expectProblem, newEmail, startAuth, type TestAuth } from './support.js';

describeBackends(
  'SSO only (AUTH_PASSWORD_LOGIN=false) on $name',
  (backend) => {
    let idp: OidcTestProvider;
    let auth: TestAuth;
    let url: string;

    beforeAll(async () => {
      idp = await startOidcProvider();
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      idp.configure([
        {
          clientId: 'gomeet',
          clientSecret: 'only-sso-secret',
          redirectUris: [`${url}/api/auth/oidc/corp/callback`],
        },
      ]);
      auth = await startAuth(backend, {
        oidc: {
          publicUrl: url,
          passwordLogin: false,
          providers: [
            {
              id: 'corp',
              name: 'Corp Login',
              issuer: idp.issuer,
              clientId: 'gomeet',
              clientSecret: 'only-sso-secret',
            },
          ],
        },
      });
      await auth.app.listen({ host: '127.0.0.1', port });
    }, 60_000);
    afterAll(async () => {
      await auth?.close();
      await idp?.close();
    });

    it('says passwords are off, and refuses password sign-up and sign-in with a 403 naming the provider', async () => {
      const providers = await auth.app.inject({ url: '/api/auth/providers' });
      expect(providers.json()).toMatchObject({ passwordLogin: false, providers: [{ id: 'corp' }] });
      const message =
        'This server signs people in only through single sign-on: use "Sign in with Corp Login".';
      const email = newEmail();
      const signUp = await auth.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email, password: 'correct horse battery staple', displayName: 'Nope' },
      });
      expect(expectProblem(signUp, 403, 'password-login-disabled').detail).toBe(message);
      const signIn = await auth.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'correct horse battery staple' },
      });
      expect(expectProblem(signIn, 403, 'password-login-disabled').detail).toBe(message);
    });

    it('still signs people in through the provider', async () => {
      const email = newEmail();
      idp.accounts.set('sso-only-user', { email, name: 'Sol Only' });
      const browser = new CookieClient();
      const callback = await signInAtProvider(browser, {
        goMeetUrl: url,
        providerId: 'corp',
        login: 'sso-only-user',
      });
      const { location } = await browser.request(callback);
      const { code } = ssoFragment(location!);
      const res = await auth.app.inject({
        method: 'POST',
        url: '/api/auth/oidc/session',
        payload: { code },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json<Session>().user).toMatchObject({ email, displayName: 'Sol Only' });
    });
  },
  { only: 'pglite' },
);
