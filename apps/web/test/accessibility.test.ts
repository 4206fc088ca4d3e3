import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, personRow, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-accessibility';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Ada Access');
});
afterAll(async () => {
  await stack?.close();
});

/**
 * Checks each screen and keeps going, so one run lists every screen's findings; `done()` fails
 * the test with all of them.
 */
function screens() {
  const findings: string[] = [];
  let n = 0;
  return {
    async check(page: Page, screen: string) {
      n += 1;
      await screenshot(page, SHOTS, `${String(n).padStart(2, '0')}-${screen.replace(/\W+/g, '-')}`);
      await expectNoSeriousA11yViolations(page, screen).catch((e: unknown) =>
        findings.push(e instanceof Error ? e.message : String(e)),
      );
    },
    done() {
      if (findings.length > 0) throw new Error(findings.join('\n\n'));
      expect(n).toBeGreaterThan(0);
    },
  };
}

const at = (path: string) => new URL(path, stack.url).href;

describe('accessibility (axe-core: no serious or critical violation on any screen)', () => {
  it('the signed-out screens: landing, sign in, sign up, reset password, verify email', async () => {
    const s = screens();
    const page = await stack.browser.newPage();
    await page.goto(at('/'));
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await s.check(page, 'landing, sign in');

    // Field errors and a failed sign-in are part of the screen too.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await page.getByLabel('Email').fill('nobody@example.test');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await s.check(page, 'sign in, with errors');

    await page.getByRole('tab', { name: 'Sign up' }).click();
    await page.getByRole('form', { name: 'Sign up' }).waitFor();
    await s.check(page, 'sign up');

    await page.goto(at('/reset-password'));
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await s.check(page, 'forgot password');

    await page.goto(at('/reset-password?token=not-a-real-token'));
    await page.getByRole('textbox', { name: 'New password' }).fill('a brand new long password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await s.check(page, 'reset password, with a bad link');

    await page.goto(at('/verify-email?token=not-a-real-token'));
    await page.getByRole('link', { name: 'Back to sign in' }).waitFor();
    await s.check(page, 'verify email, with a bad link');

    await page.goto(at('/no-such-page'));
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await s.check(page, 'page not found');
    await page.close();
    s.done();
  });

  it('the dashboard with its panels, and the profile', async () => {
    const s = screens();
    const startsAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    await createMeeting(stack.url, host, { title: 'Planning', startsAt, durationMinutes: 30 });
    await createMeeting(stack.url, host, { title: 'Standup', settings: { lobby: false } });
    const page = await quietPage(stack.browser, host);
    await page.goto(at('/'));
    await page.getByTestId('meeting-row').first().waitFor();
    await s.check(page, 'dashboard');

    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    await page.getByRole('form', { name: 'Schedule a meeting' }).waitFor();
    await s.check(page, 'dashboard, schedule form open');
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();

    const planning = page.getByTestId('meeting-row').filter({ hasText: 'Planning' });
    await planning.locator('summary', { hasText: 'Edit' }).click();
    await planning.locator('summary', { hasText: 'Add to calendar' }).click();
    await planning.locator('summary', { hasText: 'Attendance' }).click();
    await planning.locator('summary', { hasText: 'Recordings' }).click();
    await page.waitForTimeout(500);
    await s.check(page, 'dashboard, edit, calendar, attendance and recordings open');

    await page.goto(at('/profile'));
    await page.getByTestId('sessions').waitFor();
    await s.check(page, 'profile');
    await page.context().close();
    s.done();
  });

  it('pre-join (camera on and off) and the lobby', async () => {
    const s = screens();
    const m = await createMeeting(stack.url, host, { title: 'With a lobby' });
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(at(`/m/${m.code}`));
    await page.getByTestId('preview-video').waitFor({ timeout: 20_000 });
    await s.check(page, 'pre-join, camera on');

    await page.getByRole('button', { name: 'Camera on' }).click();
    await page.getByRole('button', { name: 'Camera off' }).waitFor();
    await s.check(page, 'pre-join, camera off');

    // Join with no name: the field's error is announced and tied to it.
    await page.getByTestId('join-button').click();
    await page.locator('[aria-invalid="true"]').waitFor();
    await s.check(page, 'pre-join, name missing');

    await page.getByLabel('Your name').fill('Lee Lobby');
    await page.getByTestId('join-button').click();
    await page.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
    await s.check(page, 'lobby, waiting for the host');

    // The host, in the room, is told someone waits and admits them from the list.
    const h = await quietPage(stack.browser, host);
    await enterRoom(h, stack.url, m.code);
    await h.getByTestId('lobby-banner').waitFor({ timeout: 15_000 });
    await s.check(h, 'room, host told someone waits in the lobby');
    await h.getByTestId('people-toggle').click();
    await h.getByTestId('lobby-entry').waitFor();
    await s.check(h, 'room, lobby list in the participants panel');
    await h.context().close();
    await context.close();
    s.done();
  });

  it('the room: grid, speaker view, panels, host menu, shortcuts, and the exit screens', async () => {
    const s = screens();
    const { browser, url } = stack;
    const m = await createMeeting(url, host, {
      title: 'Accessible room',
      settings: { lobby: false },
    });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const g = await quietPage(browser);
    await enterRoom(g, url, m.code, 'Gus Guest');
    await h.getByTestId('participant-tile').nth(1).waitFor({ timeout: 20_000 });
    await s.check(h, 'room, grid');

    await h.getByTestId('layout-toggle').click();
    await h.getByRole('button', { name: 'Switch to grid layout' }).waitFor();
    await s.check(h, 'room, speaker view');
    await h.getByTestId('layout-toggle').click();

    await h.getByRole('button', { name: 'Meeting details' }).click();
    await s.check(h, 'room, meeting details');
    await h.getByRole('button', { name: 'Meeting details' }).click();

    await h.getByRole('button', { name: 'Send a reaction' }).click();
    await h.getByRole('group', { name: 'Reactions' }).waitFor();
    await s.check(h, 'room, reactions open');
    await h.getByRole('button', { name: 'Send a reaction' }).click();

    await g.getByTestId('chat-toggle').click();
    await g.getByTestId('chat-panel').waitFor();
    await g.getByLabel('Message to everyone').fill('Hello from Gus');
    await g.getByRole('button', { name: 'Send message' }).click();
    await g.getByTestId('chat-text').filter({ hasText: 'Hello from Gus' }).waitFor();
    await s.check(g, 'room, chat panel (guest)');

    await h.getByTestId('people-toggle').click();
    await expect.poll(() => personRow(h, 'Gus Guest').count(), { timeout: 10_000 }).toBe(1);
    await h.getByRole('button', { name: 'Actions for Gus Guest' }).click();
    await h.getByRole('group', { name: 'Actions for Gus Guest' }).waitFor();
    await s.check(h, 'room, participants panel with the host menu');

    await h.getByTestId('polls-toggle').click();
    await h.getByTestId('side-panel').getByRole('heading', { name: 'Polls' }).waitFor();
    await h.waitForTimeout(500);
    await s.check(h, 'room, polls panel');

    await h.getByTestId('breakouts-toggle').click();
    await h.getByTestId('breakouts-panel').waitFor({ timeout: 10_000 });
    await s.check(h, 'room, breakouts panel');
    await h.getByRole('button', { name: 'Close breakout rooms' }).click();

    await h.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await h.getByTestId('shortcut-help').waitFor();
    await s.check(h, 'room, keyboard shortcuts dialog');
    await h.getByRole('button', { name: 'Close' }).click();

    // The exit screens: a guest who leaves, one who is removed, and everyone when it ends.
    await g.getByTestId('leave-button').click();
    await g.getByTestId('exit-screen').waitFor({ timeout: 20_000 });
    await s.check(g, 'exit, left');

    const r = await quietPage(browser);
    await enterRoom(r, url, m.code, 'Rae Removed');
    const e = await quietPage(browser);
    await enterRoom(e, url, m.code, 'Eve Ended');
    await h.getByTestId('people-toggle').click();
    await expect.poll(() => personRow(h, 'Rae Removed').count(), { timeout: 10_000 }).toBe(1);
    await h.getByRole('button', { name: 'Actions for Rae Removed' }).click();
    await h.getByRole('button', { name: 'Remove Rae Removed from the meeting' }).click();
    await r.locator('[data-testid="exit-screen"][data-reason="removed"]').waitFor({
      timeout: 20_000,
    });
    await s.check(r, 'exit, removed');

    await h.getByTestId('end-button').click();
    await e.locator('[data-testid="exit-screen"][data-reason="ended"]').waitFor({
      timeout: 20_000,
    });
    await s.check(e, 'exit, ended');
    for (const p of [h, g, r, e]) await p.context().close();
    s.done();
  });
});

describe('accessibility at phone width (390 × 844)', () => {
  it('the landing page, pre-join, and the room with its chat panel full screen', async () => {
    const s = screens();
    const m = await createMeeting(stack.url, host, {
      title: 'On a phone',
      settings: { lobby: false },
    });
    const context = await stack.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await context.addInitScript(() => {
      localStorage.setItem(
        'gomeet.devices',
        JSON.stringify({ videoEnabled: false, audioEnabled: true }),
      );
    });
    const page = await context.newPage();
    await page.goto(at('/'));
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await s.check(page, 'phone, landing');

    await page.goto(at(`/m/${m.code}`));
    await page.getByTestId('join-button').waitFor();
    await s.check(page, 'phone, pre-join');

    await page.getByLabel('Your name').fill('Pia Phone');
    await page.getByTestId('join-button').click();
    await page.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 20_000 });
    await s.check(page, 'phone, room');
    await page.getByTestId('chat-toggle').click();
    await page.getByTestId('chat-panel').waitFor();
    await s.check(page, 'phone, chat panel');
    await context.close();
    s.done();
  });
});

describe('screen reader announcements in the room', () => {
  it('a polite live region says who joined, raised a hand, wrote in chat and left', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, { title: 'Announced', settings: { lobby: false } });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const region = h.getByTestId('announcer');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    const heard = () => region.innerText();

    // Another participant, in a second browser context.
    const g = await quietPage(browser);
    await enterRoom(g, url, m.code, 'Gus Guest');
    await expect.poll(heard, { timeout: 15_000 }).toContain('Gus Guest joined');

    await g.getByTestId('hand-toggle').click();
    await expect.poll(heard, { timeout: 10_000 }).toContain('Gus Guest raised their hand');

    // With the host's chat panel closed, the message itself is read out.
    await g.getByTestId('chat-toggle').click();
    await g.getByLabel('Message to everyone').fill('Can everyone hear me?');
    await g.getByRole('button', { name: 'Send message' }).click();
    await expect
      .poll(heard, { timeout: 10_000 })
      .toContain('Gus Guest says: Can everyone hear me?');

    // Nobody hears their own hand or message read back to them.
    expect(await g.getByTestId('announcer').innerText()).not.toContain('Gus Guest');

    await g.getByTestId('leave-button').click();
    await expect.poll(heard, { timeout: 15_000 }).toContain('Gus Guest left');
    await screenshot(h, SHOTS, 'announcements');
    await h.context().close();
    await g.context().close();
  });
});
