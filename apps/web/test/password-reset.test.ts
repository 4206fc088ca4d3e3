import { startGoMeet } from '@gomeet/server';
import { startSmtpInbox, type SmtpInbox } from '@gomeet/testing/smtp-inbox';
import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from './support/api';
import { launchChromium } from './support/chromium';
import { screenshot } from './support/page-checks';
import { ensureWebBuild } from './support/web-build';

const SHOTS = 'web-password-reset';
const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a fresh and longer passphrase';

let inbox: SmtpInbox;
let server: Awaited<ReturnType<typeof startGoMeet>>;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuild();
  inbox = await startSmtpInbox();
  server = await startGoMeet({
    logLevel: false,
    env: { SMTP_URL: inbox.url, MAIL_FROM: 'GoMeet <gomeet@gomeet.test>' },
  });
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
  await inbox?.close();
});

/** The first link in a received mail. */
const linkIn = (text: string) => /https?:\/\/\S+/.exec(text)?.[0] ?? '';

describe('password reset by email, in the browser', () => {
  it('confirms the address from the sign-up mail, then resets a forgotten password by link and signs in with the new one', async () => {
    const email = `reset-${randomUUID()}@example.test`;
    const answer = await post<{ status: string }>(server.url, '/api/auth/register', {
      email,
      password: OLD_PASSWORD,
      displayName: 'Forgetful Fran',
    });
    expect(answer).toEqual({ status: 'check-email' });
    const page = await (await browser.newContext()).newPage();

    // The verification link opens the web app, which confirms the address through the API.
    const verify = linkIn((await inbox.waitFor(email, /Confirm your email/)).text);
    expect(verify).toContain(`${server.url}/verify-email?token=`);
    await page.goto(verify);
    await expect.poll(() => page.getByTestId('email-verified').count()).toBe(1);

    // Forgot password? on the sign-in form asks for a link.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect
      .poll(() => page.getByTestId('reset-requested').textContent())
      .toContain('check your email');
    await screenshot(page, SHOTS, '01-reset-requested');

    const reset = linkIn((await inbox.waitFor(email, /Reset your GoMeet password/)).text);
    expect(reset).toContain(`${server.url}/reset-password?token=`);
    await page.goto(reset);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByTestId('password-reset-done').waitFor();
    await screenshot(page, SHOTS, '02-password-set');
    await inbox.waitFor(email, /Your GoMeet password was changed/);

    // The spent link says so in plain words.
    await page.goto(reset);
    await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('This link was already used. Ask for a new one if you need it.');

    // Signing in: the old password is refused, the new one works.
    await page.goto(server.url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(OLD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong email or password.');
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByText('Signed in as Forgetful Fran').count()).toBe(1);
    await screenshot(page, SHOTS, '03-signed-in');

    // The profile: rename, see this session, then sign out everywhere.
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Display name', { exact: true }).fill('Fran Remembers');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Saved.', { exact: false }).waitFor();
    await expect.poll(() => page.getByTestId('sessions').textContent()).toContain('(this browser)');
    // A second sign-in elsewhere shows up, and can be signed out from here.
    await post(server.url, '/api/auth/login', { email, password: NEW_PASSWORD });
    await page.reload();
    const others = page.getByTestId('sessions').getByRole('button', { name: 'Sign out' });
    await expect.poll(() => others.count()).toBe(1);
    await others.click();
    await expect.poll(() => others.count()).toBe(0);
    await screenshot(page, SHOTS, '04-profile');
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('tab', { name: 'Sign up' }).waitFor();
  }, 180_000);

  it('tells a new sign-up to check the mail, whose link confirms the address', async () => {
    const email = `signup-${randomUUID()}@example.test`;
    const page = await (await browser.newContext()).newPage();
    await signUpInBrowser(page, server.url, email);
    await expect
      .poll(() => page.getByTestId('check-email').textContent())
      .toContain(`we sent a mail to ${email}`);
    await screenshot(page, SHOTS, '05-check-email');
    await page.goto(linkIn((await inbox.waitFor(email, /Confirm your email/)).text));
    await page.getByTestId('email-verified').waitFor();
  }, 60_000);
});

describe('account mail without SMTP_URL, in the browser', () => {
  it('signs a new account in and says where the verification mail was written', async () => {
    const local = await startGoMeet({ logLevel: false });
    try {
      const page = await (await browser.newContext()).newPage();
      await signUpInBrowser(page, local.url, `local-${randomUUID()}@example.test`);
      const notice = page.getByTestId('account-notice');
      await expect.poll(() => notice.textContent()).toMatch(/no SMTP configured/);
      const folder = /written to (\S+) on the server/.exec((await notice.textContent()) ?? '')?.[1];
      expect(folder).toMatch(/\/mail$/);
      expect((await readdir(folder!)).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
      await screenshot(page, SHOTS, '06-mail-folder-notice');
    } finally {
      await local.close();
    }
  }, 120_000);
});

async function signUpInBrowser(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name: 'Sign up' }).click();
  await page.getByLabel('Your name').fill('New Nell');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(OLD_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}
