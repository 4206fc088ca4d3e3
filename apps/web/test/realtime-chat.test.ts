import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { sendChat } from './support/chat';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-realtime-chat';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Ada Chat');
});
afterAll(async () => {
  await stack?.close();
});

const texts = (page: Page) => page.getByTestId('chat-text').allTextContents();

async function say(page: Page, text: string, to = 'Everyone') {
  await page.getByTestId('chat-recipient').selectOption({ label: to });
  await sendChat(page, text);
}

describe('chat, live', () => {
  it('carries public messages to everyone and private ones to their recipient only', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(stack.url, host, {
      title: 'Chat check',
      settings: { lobby: false },
    });
    const a = await quietPage(browser, host);
    await enterRoom(a, url, m.code);
    const b = await quietPage(browser);
    await enterRoom(b, url, m.code, 'Bea Reader');
    const c = await quietPage(browser);
    await enterRoom(c, url, m.code, 'Cy Bystander');
    await c.getByTestId('chat-toggle').click();

    // A writes to everyone; B, chat closed, gets an unread badge, then reads it.
    await a.getByTestId('chat-toggle').click();
    await expect.poll(() => a.getByTestId('chat-recipient').locator('option').count()).toBe(3);
    await say(a, 'Hello everyone');
    await expect
      .poll(() => b.getByTestId('chat-unread').textContent(), { timeout: 10_000 })
      .toBe('1');
    await screenshot(b, SHOTS, '01-unread-badge');
    await b.getByTestId('chat-toggle').click();
    await expect.poll(() => texts(b)).toEqual(['Hello everyone']);
    await expect.poll(() => texts(c)).toEqual(['Hello everyone']);

    // A writes privately to B, then publicly again: B sees both, C only the public ones.
    await say(a, 'Just between us', 'Bea Reader (privately)');
    await say(a, 'Back to everyone');
    await expect
      .poll(() => texts(b), { timeout: 10_000 })
      .toEqual(['Hello everyone', 'Just between us', 'Back to everyone']);
    expect(
      await b.getByTestId('chat-message').filter({ hasText: 'Just between us' }).textContent(),
    ).toContain('privately to you');
    await expect
      .poll(() => texts(c), { timeout: 10_000 })
      .toEqual(['Hello everyone', 'Back to everyone']);
    await screenshot(b, SHOTS, '02-private-seen-by-recipient');
    await screenshot(c, SHOTS, '03-private-unseen-by-third');

    // B answers; A's own private message shows as sent to B.
    await say(b, 'Got it');
    await expect.poll(() => texts(a), { timeout: 10_000 }).toContain('Got it');
    expect(
      await a.getByTestId('chat-message').filter({ hasText: 'Just between us' }).textContent(),
    ).toContain('privately to Bea Reader');

    // A message over 4000 characters is refused with a reason, and the text is kept.
    await c.getByTestId('chat-input').fill('x'.repeat(4001));
    expect(await c.getByTestId('chat-send').isDisabled()).toBe(true);
    await expect.poll(() => c.getByRole('alert').first().textContent()).toContain('over the 4000');

    // On a phone the chat takes the whole screen and can be closed.
    await c.setViewportSize({ width: 390, height: 800 });
    await screenshot(c, SHOTS, '04-phone-width');
    await c.getByRole('button', { name: 'Close chat' }).click();
    await c.getByTestId('leave-button').waitFor();
  });
});
