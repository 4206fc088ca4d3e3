import type { Session } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-prejoin-checks';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Checking Chloe');
});
afterAll(async () => {
  await stack?.close();
});

describe('the pre-join check', () => {
  it('shows the microphone level, plays a test sound on the chosen speaker, and offers the effects', async () => {
    const m = await createMeeting(stack.url, host, { title: 'Check', settings: { lobby: false } });
    const page = await (await stack.browser.newContext()).newPage();
    await page.goto(new URL(`/m/${m.code}`, stack.url).href);
    // Browsers start audio after a click; the fake microphone beeps once a second.
    await page.getByLabel('Your name').click();
    const level = page.getByTestId('mic-level');
    await expect
      .poll(async () => Number(await level.getAttribute('value')), {
        timeout: 20_000,
        interval: 50,
      })
      .toBeGreaterThan(0);

    await page
      .getByLabel('Speaker', { exact: true })
      .selectOption({ label: 'Fake Audio Output 1' });
    const test = page.getByTestId('speaker-test');
    await test.click();
    await expect.poll(() => test.textContent()).toBe('Playing…');
    await expect.poll(() => test.textContent(), { timeout: 10_000 }).toBe('Play a test sound');
    expect(await page.getByRole('alert').count()).toBe(0);

    expect(await page.getByTestId('noise-suppression').isChecked()).toBe(true);
    expect(await page.getByTestId('background-effect').inputValue()).toBe('none');
    await screenshot(page, SHOTS, '01-prejoin');
  }, 120_000);
});
