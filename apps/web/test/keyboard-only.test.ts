import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-keyboard-only';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

/** What has the keyboard focus: its role-ish kind, its name, and whether a focus ring shows. */
interface Focused {
  kind: string;
  name: string;
  ring: boolean;
  html: string;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { kind: 'body', name: '', ring: false, html: '' };
    const input = el as HTMLInputElement;
    const label = input.labels?.[0]?.textContent ?? '';
    const name = (el.getAttribute('aria-label') ?? (label || el.textContent) ?? '').trim();
    const style = getComputedStyle(el);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return {
      kind: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      name,
      ring,
      html: el.outerHTML.slice(0, 160),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focus is on what `wanted` accepts, as a keyboard user
 * would; fails naming the stops it passed when it never gets there. Every stop must show a focus
 * ring.
 */
async function tabTo(
  page: Page,
  what: string,
  wanted: (f: Focused) => boolean,
  { back = false, max = 80 } = {},
): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.kind !== 'body') {
      expect(f.ring, `no visible focus ring on ${f.html}`).toBe(true);
    }
    if (wanted(f)) return;
    passed.push(`${f.kind} "${f.name.slice(0, 40)}"`);
  }
  throw new Error(`Tab never reached ${what}; it passed:\n${passed.join('\n')}`);
}

const named =
  (kind: string, name: string | RegExp) =>
  (f: Focused): boolean =>
    f.kind === kind && (typeof name === 'string' ? f.name === name : name.test(f.name));

describe('keyboard only', () => {
  it('signs in, starts a meeting, joins, mutes, chats and leaves without a mouse', async () => {
    const password = 'correct horse battery staple';
    const account = await registerUser(stack.url, 'Kay Board');
    const context = await stack.browser.newContext({ viewport: { width: 1100, height: 720 } });
    // The camera starts off, as a person would choose on the pre-join screen (kept light).
    await context.addInitScript(() => {
      localStorage.setItem(
        'gomeet.devices',
        JSON.stringify({ videoEnabled: false, audioEnabled: true }),
      );
    });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(stack.url);
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();

    // Sign in.
    await tabTo(page, 'the email field', named('input', 'Email'));
    await page.keyboard.type(account.user.email);
    await tabTo(page, 'the password field', named('input', 'Password'));
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'New meeting' }).waitFor({ timeout: 15_000 });
    await screenshot(page, SHOTS, '01-dashboard');

    // Start a meeting now: the app moves to its pre-join screen.
    await tabTo(page, 'New meeting', named('button', 'New meeting'));
    await page.keyboard.press('Enter');
    await page.getByTestId('join-button').waitFor({ timeout: 15_000 });
    await screenshot(page, SHOTS, '02-prejoin');

    await tabTo(page, 'Join now', named('button', 'Join now'));
    await page.keyboard.press('Enter');
    const room = page.locator('[data-testid="room"][data-phase="connected"]');
    await room.waitFor({ timeout: 20_000 });

    // Mute with Space on the microphone button.
    const mic = page.getByTestId('toggle-microphone');
    await expect.poll(() => mic.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await tabTo(page, 'the microphone button', named('button', 'Mute microphone'));
    await page.keyboard.press('Space');
    await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('false');
    await screenshot(page, SHOTS, '03-muted');

    // Open the chat (focus moves into the panel) and send a message with Enter.
    await tabTo(page, 'the chat button', named('button', /^Chat/));
    await page.keyboard.press('Enter');
    await page.getByTestId('chat-panel').waitFor();
    await tabTo(page, 'the message box', named('textarea', 'Message to everyone'));
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.getByTestId('chat-text').filter({ hasText: 'Typed without a mouse' }).waitFor();
    await screenshot(page, SHOTS, '04-chat');

    // Close the panel with Escape, then leave.
    await page.keyboard.press('Escape');
    await page.getByTestId('chat-panel').waitFor({ state: 'detached' });
    await tabTo(page, 'the leave button', named('button', 'Leave the meeting'), { back: true });
    await page.keyboard.press('Enter');
    await page
      .locator('[data-testid="exit-screen"][data-reason="left"]')
      .waitFor({ timeout: 20_000 });
    await screenshot(page, SHOTS, '05-left');
    await context.close();
  });
});
