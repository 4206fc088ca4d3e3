import type { Session } from '@gomeet/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, post, registerUser } from './support/api';
import { launchChromium } from './support/chromium';
import { screenshot } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-join-errors';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Hosting Hana');
});
afterAll(async () => {
  await stack?.close();
});

async function guestPage(browser: Browser, code: string, name = 'Gus Guest'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(new URL(`/m/${code}`, stack.url).href);
  await page.getByLabel('Your name').fill(name);
  return page;
}

/** Takes a seat through the API, as a host or as a guest. */
async function takeSeat(code: string, as: 'host' | 'guest') {
  const token =
    as === 'host'
      ? host.accessToken
      : (
          await post<{ accessToken: string }>(stack.url, '/api/auth/guest', {
            meetingCode: code,
            displayName: 'Seated guest',
          })
        ).accessToken;
  await post(stack.url, `/api/meetings/${code}/join`, {}, token);
}

describe('joining, when it goes wrong', () => {
  it('asks for the passcode, says when it is wrong, and lets the right one in', async () => {
    const m = await createMeeting(stack.url, host, {
      title: 'Locked',
      passcode: 'open-sesame',
      settings: { lobby: false },
    });
    const page = await guestPage(stack.browser, m.code);
    await page.getByTestId('join-button').click();
    await expect
      .poll(() => page.getByTestId('join-error').textContent())
      .toContain('needs a passcode');

    await page.getByLabel('Passcode').fill('not-it');
    await page.getByTestId('join-button').click();
    await expect.poll(() => page.getByTestId('join-error').textContent()).toContain('not right');
    await screenshot(page, SHOTS, '01-wrong-passcode');

    await page.getByLabel('Passcode').fill('open-sesame');
    await page.getByTestId('join-button').click();
    await page.getByTestId('room').waitFor();
    await page.context().close();
  });

  it('says the meeting is full when every seat is taken', async () => {
    const m = await createMeeting(stack.url, host, {
      title: 'Two seats',
      settings: { lobby: false, maxParticipants: 2 },
    });
    await takeSeat(m.code, 'host');
    await takeSeat(m.code, 'guest');
    const page = await guestPage(stack.browser, m.code);
    await page.getByTestId('join-button').click();
    await expect
      .poll(() => page.getByTestId('join-error').textContent())
      .toContain('meeting is full');
    await screenshot(page, SHOTS, '02-meeting-full');
    await page.context().close();
  });

  it('counts down a 429 Retry-After on the guest screen, then joins by itself', async () => {
    const m = await createMeeting(stack.url, host, {
      title: 'Rush hour',
      settings: { lobby: false },
    });
    const page = await guestPage(stack.browser, m.code);
    let throttled = false;
    await page.route('**/api/auth/guest', async (route) => {
      if (throttled) return route.continue();
      throttled = true;
      await route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '3' },
        body: JSON.stringify({
          type: 'https://gomeet.dev/problems/slow-down',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Many people are joining from your network right now; try again in 3 s.',
          requestId: 'test',
        }),
      });
    });
    await page.getByTestId('join-button').click();
    await expect
      .poll(() => page.getByTestId('join-wait').textContent())
      .toMatch(/Too many people are joining right now — trying again in [1-3] s/);
    await screenshot(page, SHOTS, '00-countdown');
    await page.getByTestId('room').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('join-error').count()).toBe(0);
    await page.context().close();
  });

  it('says the meeting has ended when the link is opened after the end', async () => {
    const m = await createMeeting(stack.url, host, { title: 'Over', settings: { lobby: false } });
    await takeSeat(m.code, 'host');
    await post(stack.url, `/api/meetings/${m.code}/end`, {}, host.accessToken);
    const page = await guestPage(stack.browser, m.code);
    await page.getByTestId('join-button').click();
    await page.getByTestId('meeting-ended').waitFor();
    await screenshot(page, SHOTS, '03-meeting-ended');
    await page.context().close();
  });

  it('says when the media server cannot be reached', async () => {
    const m = await createMeeting(stack.url, host, {
      title: 'No media',
      settings: { lobby: false },
    });
    const page = await guestPage(stack.browser, m.code);
    // LiveKit's signalling socket is refused, as if the media server were down or firewalled.
    await page.routeWebSocket(/\/rtc/, (ws) => ws.close({ code: 1011, reason: 'unreachable' }));
    await page.route(/\/rtc\//, (route) => route.abort('connectionrefused'));
    await page.getByTestId('join-button').click();
    await expect
      .poll(() => page.getByTestId('exit-screen').getAttribute('data-reason'), { timeout: 30_000 })
      .toBe('unreachable');
    expect(await page.getByRole('heading').textContent()).toBe('Cannot reach the media server');
    await screenshot(page, SHOTS, '04-media-unreachable');
    await page.context().close();
  });

  it('shows a reconnecting banner when the connection drops, then carries on', async () => {
    const m = await createMeeting(stack.url, host, { title: 'Flaky', settings: { lobby: false } });
    const context = await stack.browser.newContext();
    // The banner may be up for only a moment on loopback, so the page notes that it appeared.
    await context.addInitScript({
      content: `new MutationObserver(() => {
        if (document.querySelector('[data-testid="banner-reconnecting"]')) window.__sawReconnecting = true;
      }).observe(document, { subtree: true, childList: true });`,
    });
    const page = await context.newPage();
    await page.goto(new URL(`/m/${m.code}`, stack.url).href);
    await page.getByLabel('Your name').fill('Flaky Fay');
    // LiveKit's signalling socket goes through the test, which cuts it once.
    const sockets: { close(): Promise<void> }[] = [];
    await page.routeWebSocket(/\/rtc/, (ws) => {
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.getByTestId('join-button').click();
    // Every signalling message crosses the test's proxy: joining takes more than poll's 1 s.
    await expect
      .poll(() => page.getByTestId('room').getAttribute('data-phase'), { timeout: 15_000 })
      .toBe('connected');

    await Promise.all(sockets.map((s) => s.close()));
    await expect.poll(() => page.evaluate('window.__sawReconnecting === true')).toBe(true);
    await expect
      .poll(() => page.getByTestId('room').getAttribute('data-phase'), { timeout: 30_000 })
      .toBe('connected');
    expect(await page.getByTestId('banner-reconnecting').count()).toBe(0);
    expect(await page.getByTestId('exit-screen').count()).toBe(0);
    await context.close();
  });

  it('tells a person who blocked the camera and microphone how to allow them', async () => {
    const m = await createMeeting(stack.url, host, {
      title: 'Blocked',
      settings: { lobby: false },
    });
    const denying = await launchChromium({ denyMedia: true });
    try {
      const page = await guestPage(denying, m.code);
      await expect
        .poll(() => page.getByTestId('camera-error').textContent(), { timeout: 15_000 })
        .toContain('camera is blocked');
      expect(await page.getByTestId('microphone-error').textContent()).toContain(
        'microphone is blocked',
      );
      await screenshot(page, SHOTS, '06-media-blocked');
    } finally {
      await denying.close();
    }
  });

  it('says when the email or password is wrong', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    await page.goto(stack.url);
    await page.getByLabel('Email').fill(host.user.email);
    await page.getByLabel('Password').fill('definitely not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByTestId('error').textContent())
      .toBe('Wrong email or password.');
    await page.context().close();
  });
});
