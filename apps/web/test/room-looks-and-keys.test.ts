import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-room-looks-and-keys';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const pressed = (page: Page, testId: string) =>
  page.getByTestId(testId).getAttribute('aria-pressed');

describe('how the room looks, and its keys', () => {
  it('serves a favicon and a web app manifest, with no failed request for them', async () => {
    const page = await stack.browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(stack.url);
    await page.waitForLoadState('networkidle');
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(icon).toBe('/favicon.svg');
    const favicon = await fetch(new URL(icon ?? '', stack.url));
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toContain('image/svg+xml');
    const manifest = (await (await fetch(new URL(manifestHref ?? '', stack.url))).json()) as {
      name: string;
      icons: { src: string }[];
    };
    expect(manifest.name).toBe('GoMeet');
    for (const i of manifest.icons)
      expect((await fetch(new URL(i.src, stack.url))).status).toBe(200);
    expect(failed.filter((u) => /favicon|manifest|icon/.test(u))).toEqual([]);
    await page.close();
  });

  it('names every icon button, and runs the shortcuts except while someone types', async () => {
    const host = await registerUser(stack.url, 'Kim Keys');
    const m = await createMeeting(stack.url, host, { title: 'Keys', settings: { lobby: false } });
    const page = await quietPage(stack.browser, host);
    await enterRoom(page, stack.url, m.code);

    // Every button of the bar and the stage has a name a screen reader says, and the icon is
    // decoration; a tooltip says the same name (and the key).
    const buttons = await page
      .locator('.controls button, .stage-actions button')
      .evaluateAll((els) =>
        els.map((b) => ({
          name: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(),
          html: b.outerHTML.slice(0, 120),
          tip: b.getAttribute('data-tip') ?? '',
          iconHidden: [...b.querySelectorAll('svg')].every(
            (s) => s.getAttribute('aria-hidden') === 'true',
          ),
        })),
      );
    expect(buttons.length).toBeGreaterThanOrEqual(8);
    for (const b of buttons) {
      expect(b.name, b.html).not.toBe('');
      if (b.tip) expect(b.tip.startsWith(b.name)).toBe(true);
      expect(b.iconHidden).toBe(true);
    }
    expect(await page.getByRole('button', { name: 'Raise your hand' }).count()).toBe(1);
    await screenshot(page, SHOTS, '01-controls');

    // M and V toggle the microphone and camera; H raises the hand.
    const mic = await pressed(page, 'toggle-microphone');
    await page.keyboard.press('m');
    await expect.poll(() => pressed(page, 'toggle-microphone')).not.toBe(mic);
    await page.keyboard.press('m');
    await expect.poll(() => pressed(page, 'toggle-microphone')).toBe(mic);
    await page.keyboard.press('v');
    await expect.poll(() => pressed(page, 'toggle-camera'), { timeout: 10_000 }).toBe('true');
    await page.keyboard.press('h');
    await expect.poll(() => pressed(page, 'hand-toggle'), { timeout: 10_000 }).toBe('true');
    await page.keyboard.press('h');
    await expect.poll(() => pressed(page, 'hand-toggle'), { timeout: 10_000 }).toBe('false');

    // C opens the chat; typing there (with every shortcut letter) only types.
    await page.keyboard.press('c');
    await page.getByTestId('chat-input').waitFor();
    await page.getByTestId('chat-input').click();
    await page.keyboard.type('hmm, vcp?');
    expect(await page.getByTestId('chat-input').inputValue()).toBe('hmm, vcp?');
    expect(await pressed(page, 'toggle-microphone')).toBe(mic);
    expect(await pressed(page, 'hand-toggle')).toBe('false');
    expect(await pressed(page, 'chat-toggle')).toBe('true');
    expect(await page.getByTestId('shortcut-help').isVisible()).toBe(false);
    await screenshot(page, SHOTS, '02-typing-in-chat');

    // Outside the field again: P switches to the participants, C closes nothing else.
    await page.getByRole('heading', { name: 'Chat' }).click();
    await page.keyboard.press('p');
    await page.getByTestId('participants-panel').waitFor();
    await page.keyboard.press('p');
    await expect.poll(() => page.getByTestId('side-panel').count()).toBe(0);

    // ? lists the shortcuts; Escape closes the list.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await page.getByTestId('shortcut-help').textContent()).toContain('Shift+L');
    await screenshot(page, SHOTS, '03-shortcut-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcut-help').isVisible()).toBe(false);

    // L alone does nothing; Shift+L leaves.
    await page.keyboard.press('l');
    expect(await page.getByTestId('room').count()).toBe(1);
    await page.keyboard.press('Shift+L');
    await expect
      .poll(() => page.getByTestId('exit-screen').getAttribute('data-reason'), { timeout: 10_000 })
      .toBe('left');
  });
});
