import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, post, registerUser, signedInContext } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-admin-console';
const PASSWORD = 'correct horse battery staple';

let stack: Stack;
let admin: Session;
beforeAll(async () => {
  stack = await startStack();
  // A fresh install: its first account is the admin.
  admin = await registerUser(stack.url, 'Admin Ada');
}, 240_000);
afterAll(async () => {
  await stack?.close();
});

async function adminPage(): Promise<Page> {
  const context = await signedInContext(stack.browser, admin);
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(stack.url);
  // The dashboard's header links admins to the console.
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'Admin' }).waitFor();
  return page;
}

describe('the admin console, in the browser', () => {
  it('shows a live meeting with its count and ends it: the participant in the room is told it ended', async () => {
    expect(admin.user.admin).toBe(true);
    const host = await registerUser(stack.url, 'Hedy Host');
    const guestOfHonour = await registerUser(stack.url, 'Pat Participant');
    const meeting = await createMeeting(stack.url, host, {
      title: 'Quarterly review',
      settings: { lobby: false },
    });
    await post(stack.url, `/api/meetings/${meeting.code}/join`, {}, host.accessToken);
    const pat = await quietPage(stack.browser, guestOfHonour);
    await enterRoom(pat, stack.url, meeting.code);

    const page = await adminPage();
    const row = page.locator(`tr[data-code="${meeting.code}"]`);
    await expect.poll(() => row.getByTestId('participants').textContent()).toBe('2 / 500');
    expect(await row.textContent()).toContain('Quarterly review');
    await screenshot(page, SHOTS, '01-live-meetings');

    await row.getByRole('button', { name: 'End Quarterly review' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await pat.getByTestId('meeting-ended').waitFor({ timeout: 20_000 });
    expect(await pat.getByTestId('meeting-ended').textContent()).toBe('This meeting has ended');
    await screenshot(pat, SHOTS, '02-participant-told-ended');

    await page.getByRole('tab', { name: 'Audit log' }).click();
    const audit = page.getByTestId('audit-log');
    await expect.poll(() => audit.textContent()).toContain('Ended meeting');
    expect(await audit.textContent()).toContain(`Quarterly review (${meeting.code})`);
  }, 180_000);

  it('disables an account: its owner can no longer sign in', async () => {
    const email = `dan-${crypto.randomUUID()}@example.test`;
    await post(stack.url, '/api/auth/register', { email, password: PASSWORD, displayName: 'Dan' });
    const page = await adminPage();
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.getByLabel('Search accounts').fill(email);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const row = page.locator(`tr[data-email="${email}"]`);
    // Without SMTP_URL the account signed in at once; its address is not confirmed yet.
    await expect.poll(() => row.getByTestId('status').textContent()).toBe('Address not confirmed');
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect
      .poll(() => row.getByTestId('status').textContent())
      .toBe('Disabled, Address not confirmed');
    await screenshot(page, SHOTS, '03-user-disabled');

    const signIn = await fetch(new URL('/api/auth/login', stack.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(signIn.status).toBe(403);
    expect(((await signIn.json()) as { detail: string }).detail).toMatch(
      /disabled by an administrator/,
    );

    await page.getByRole('tab', { name: 'Audit log' }).click();
    await expect
      .poll(() => page.getByTestId('audit-log').textContent())
      .toContain(`Disabled account${email}`);
  }, 120_000);

  it('shows no Admin link to others, and refuses them the page in plain words', async () => {
    const someone = await registerUser(stack.url, 'Sam Someone');
    const page = await (await signedInContext(stack.browser, someone)).newPage();
    await page.goto(stack.url);
    await page.getByText('Signed in as Sam Someone').waitFor();
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(new URL('/admin', stack.url).href);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Only an admin of this GoMeet may do this.');
  }, 60_000);
});
