import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Apart from realtime.ts, which media/record-in-browser.ts also imports outside vitest.

/** Sends `text` from the open chat panel and waits until the app has taken it (input cleared). */
export async function sendChat(page: Page, text: string) {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
  await expect.poll(() => page.getByTestId('chat-input').inputValue()).toBe('');
}
