import { startGoMeet } from '@gomeet/server';
import { startSmtpInbox, type SmtpInbox } from '@gomeet/testing/smtp-inbox';
import type { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from './support/api';
import { launchChromium } from './support/chromium';
import { screenshot } from './support/page-checks';
import { ensureWebBuild } from './support/web-build';

const SHOTS = 'web-recurring-and-invites';
const PASSWORD = 'correct horse battery staple';
const TIME_ZONE = 'Europe/Berlin';

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

/** An instant as the dashboard shows an occurrence, in the page's zone and locale. */
const shown = (iso: string) =>
  new Date(iso).toLocaleString('en-US', {
    timeZone: TIME_ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

describe('recurring meetings and email invitations, in the browser', () => {
  it('schedules a weekly Mon/Wed meeting, lists its dates, edits one, and emails the invitation', async () => {
    const email = `rita-${randomUUID()}@example.test`;
    await post(server.url, '/api/auth/register', {
      email,
      password: PASSWORD,
      displayName: 'Rita Repeat',
    });
    const link = /https?:\/\/\S+/.exec((await inbox.waitFor(email, /Confirm your email/)).text);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      timezoneId: TIME_ZONE,
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.goto(link?.[0] ?? '');
    await page.getByTestId('email-verified').waitFor();
    await page.goto(server.url);
    await page.getByRole('tab', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as Rita Repeat').waitFor();

    // Monday 3 March 2031, 09:30 in Berlin (08:30 UTC), every Monday and Wednesday, 10 times.
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    const schedule = page.getByRole('form', { name: 'Schedule a meeting' });
    await schedule.getByLabel('Title').fill('Design crit');
    await schedule.getByLabel('Starts').fill('2031-03-03T09:30');
    await schedule.getByLabel('Passcode').fill('sesame-4711');
    await schedule.getByLabel('Repeats').selectOption('weekly');
    await schedule.getByLabel('Mon').check();
    await schedule.getByLabel('Wed').check();
    await schedule.getByLabel('Number of times').fill('10');
    await schedule.getByRole('button', { name: 'Schedule', exact: true }).click();

    const row = page.getByTestId('meeting-row').filter({ hasText: 'Design crit' });
    const dates = row.getByTestId('occurrence');
    await expect.poll(() => dates.count()).toBe(5);
    expect(await row.textContent()).toContain('Weekly on Mon, Wed, 10 times');
    expect(await dates.allTextContents()).toEqual([
      `${shown('2031-03-03T08:30:00Z')} · 60 min`,
      `${shown('2031-03-05T08:30:00Z')} · 60 min`,
      `${shown('2031-03-10T08:30:00Z')} · 60 min`,
      `${shown('2031-03-12T08:30:00Z')} · 60 min`,
      `${shown('2031-03-17T08:30:00Z')} · 60 min`,
    ]);
    await screenshot(page, SHOTS, '01-series');

    // Edit: this occurrence (Wednesday 5 March) only.
    await page.getByLabel('Edit Design crit').click();
    await row.getByRole('radio', { name: 'This occurrence' }).check();
    await row
      .getByLabel('Which one')
      .selectOption({ label: shown('2031-03-05T08:30:00Z') + ' · 60 min' });
    const one = row.getByRole('form', { name: 'Edit this occurrence' });
    await one.getByLabel('Title').fill('Design crit with guests');
    await one.getByLabel('Starts').fill('2031-03-05T15:00');
    await one.getByRole('button', { name: 'Save this occurrence' }).click();
    await expect
      .poll(() => dates.nth(1).textContent())
      .toBe(`${shown('2031-03-05T14:00:00Z')} · 60 min · Design crit with guests · changed`);
    expect(await dates.nth(2).textContent()).toBe(`${shown('2031-03-10T08:30:00Z')} · 60 min`);
    await screenshot(page, SHOTS, '02-one-edited');

    // Invite by email: the link, no passcode unless typed, the .ics with the rule.
    const guest = `guest-${randomUUID()}@example.test`;
    await page.getByLabel('Invite by email to Design crit').click();
    const invite = row.getByRole('form', { name: 'Invite by email' });
    await invite.getByLabel('Email addresses').fill(`${guest}, not-an-address`);
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await expect.poll(() => invite.textContent()).toContain('expected an email address');
    await invite.getByLabel('Email addresses').fill(guest);
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await expect.poll(() => invite.getByRole('status').textContent()).toBe('Sent to 1 address.');
    await screenshot(page, SHOTS, '03-invited');

    const code = await row.getAttribute('data-code');
    const mail = await inbox.waitFor(guest, /^Invitation: Design crit$/);
    expect(mail.text).toContain(`Join: ${server.url}/m/${code}\n`);
    expect(mail.text).toContain('A passcode is required to join');
    expect(mail.text).not.toContain('sesame-4711');
    const ics = mail.attachments.find((a) => a.filename === 'invite.ics')?.content ?? '';
    expect(ics).toContain(`DTSTART;TZID=${TIME_ZONE}:20310303T093000\r\n`);
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\r\n');
    expect(ics).toContain(`RECURRENCE-ID;TZID=${TIME_ZONE}:20310305T093000\r\n`);
    expect(ics).toContain('SUMMARY:Design crit with guests\r\n');
  }, 180_000);
});
