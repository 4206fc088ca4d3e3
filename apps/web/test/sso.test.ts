import { startGoMeet } from '@gomeet/server';
import { freePort } from '@gomeet/testing';
import { startOidcProvider, type OidcTestProvider } from '@gomeet/testing/oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { screenshot } from './support/page-checks';
import { ensureWebBuild } from './support/web-build';

const SHOTS = 'web-sso';
const SECRET = 'browser-test-client-secret';

type GoMeet = Awaited<ReturnType<typeof startGoMeet>>;

let idp: OidcTestProvider;
let server: GoMeet;
let ssoOnly: GoMeet;
let browser: Browser;

/** A GoMeet at a port chosen first, so the provider knows its callback before it starts. */
async function startWithSso(env: Record<string, string>): Promise<GoMeet> {
  const port = await freePort();
  return startGoMeet({
    logLevel: false,
    port,
    env: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'acme',
          name: 'Acme ID',
          issuer: idp.issuer,
          clientId: `gomeet-${port}`,
          clientSecret: SECRET,
        },
      ]),
      ...env,
    },
  });
}

beforeAll(async () => {
  await ensureWebBuild();
  idp = await startOidcProvider();
  server = await startWithSso({});
  // The SSO-only install needs no media: an outside LiveKit address keeps the embedded one off.
  ssoOnly = await startWithSso({
    AUTH_PASSWORD_LOGIN: 'false',
    LIVEKIT_URL: 'ws://127.0.0.1:9',
    LIVEKIT_API_KEY: 'unused-key',
    LIVEKIT_API_SECRET: 'an-unused-livekit-secret-of-32-chars-or-more',
  });
  idp.configure(
    [server, ssoOnly].map((s) => ({
      clientId: `gomeet-${new URL(s.url).port}`,
      clientSecret: SECRET,
      redirectUris: [`${s.url}/api/auth/oidc/acme/callback`],
    })),
  );
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
  await ssoOnly?.close();
  await idp?.close();
});

/** A provider account with a fresh address; returns its login name and address. */
function account(claims: { emailVerified?: boolean; name: string }) {
  const login = `login-${randomUUID()}`;
  const email = `sso-${randomUUID()}@example.test`;
  idp.accounts.set(login, { email, ...claims });
  return { login, email };
}

/** Fills in the provider's own login form (oidc-provider's development pages). */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL(`${idp.issuer}/interaction/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password works here');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

describe('single sign-on in the browser', () => {
  it('signs in with the provider from the landing page and lands on the dashboard, signed in', async () => {
    const { login } = account({ name: 'Sunny Sso' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    // Passwords are on here: the provider's button and the password form side by side.
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await screenshot(page, SHOTS, '01-landing');
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await signInAtProvider(page, login);
    await expect
      .poll(() => page.getByText('Signed in as Sunny Sso').count(), { timeout: 30_000 })
      .toBe(1);
    // The one-time code is gone from the address bar; a reload keeps the session.
    expect(new URL(page.url()).hash).toBe('');
    await page.reload();
    await expect.poll(() => page.getByText('Signed in as Sunny Sso').count()).toBe(1);
    await screenshot(page, SHOTS, '02-dashboard');
  }, 120_000);

  it("shows the server's refusal in plain words when the provider did not verify the address", async () => {
    const { login } = account({ name: 'Una Verified', emailVerified: false });
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await signInAtProvider(page, login);
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Acme ID did not confirm an email address for you');
    expect(new URL(page.url()).pathname).toBe('/sso');
    await screenshot(page, SHOTS, '03-refused');
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
  }, 120_000);

  it('SSO only: the landing page offers the provider and no password form', async () => {
    const { login } = account({ name: 'Oona Only' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(ssoOnly.url);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    expect(await page.getByRole('tab').count()).toBe(0);
    await screenshot(page, SHOTS, '04-sso-only');
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await signInAtProvider(page, login);
    await expect
      .poll(() => page.getByText('Signed in as Oona Only').count(), { timeout: 30_000 })
      .toBe(1);
  }, 120_000);
});
