import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-breakouts';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Hana Host');
});
afterAll(async () => {
  await stack?.close();
});

/** Whose tiles this page shows (its own included), sorted. */
const tiles = async (page: Page) =>
  (
    await page
      .locator('[data-testid="participant-tile"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-identity') ?? ''))
  ).sort();
const me = async (page: Page) =>
  (await page.getByTestId('room').getAttribute('data-identity')) ?? '';
const banner = (page: Page) => page.getByTestId('breakout-banner');

describe('breakout rooms, live', () => {
  it('a host opens two rooms: each guest sees only their room, a broadcast reaches both, closing brings everyone back', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, { title: 'Breakouts', settings: { lobby: false } });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const ann = await quietPage(browser);
    await enterRoom(ann, url, m.code, 'Ann Guest');
    const ben = await quietPage(browser);
    await enterRoom(ben, url, m.code, 'Ben Guest');
    const everyone = [await me(h), await me(ann), await me(ben)].sort();
    for (const page of [h, ann, ben])
      await expect.poll(() => tiles(page), { timeout: 15_000 }).toEqual(everyone);

    await h.getByTestId('breakouts-toggle').click();
    await h.getByTestId('breakout-count').fill('2');
    await h.getByTestId('breakout-create').click();
    await h.getByLabel('Room for Ann Guest').selectOption('1');
    await expect.poll(() => h.getByLabel('Room for Ann Guest').inputValue()).toBe('1');
    await h.getByLabel('Room for Ben Guest').selectOption('2');
    await expect.poll(() => h.getByLabel('Room for Ben Guest').inputValue()).toBe('2');
    await h.getByTestId('breakout-minutes').fill('10');
    await h.getByTestId('breakout-open').click();

    // Each guest moves to their own LiveKit room: alone there, microphone still on.
    await expect.poll(() => banner(ann).getAttribute('data-room'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => banner(ben).getAttribute('data-room'), { timeout: 15_000 }).toBe('2');
    await expect.poll(() => tiles(ann), { timeout: 15_000 }).toEqual([await me(ann)]);
    await expect.poll(() => tiles(ben), { timeout: 15_000 }).toEqual([await me(ben)]);
    await expect
      .poll(() => ann.getByTestId('toggle-microphone').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await banner(ann).textContent()).toContain('You are in Room 1');
    expect(await ann.getByTestId('breakout-countdown').textContent()).toMatch(
      /^(10:00|9:\d\d) left$/,
    );
    await expect.poll(() => tiles(h), { timeout: 15_000 }).toEqual([await me(h)]);
    await screenshot(ann, SHOTS, '01-guest-in-room-1');

    await h.getByTestId('breakout-message').fill('Two minutes left, wrap up');
    await h.getByTestId('breakout-broadcast-send').click();
    for (const page of [ann, ben])
      await expect
        .poll(() => page.getByTestId('breakout-broadcast').textContent(), { timeout: 10_000 })
        .toBe('Hana Host: Two minutes left, wrap up');
    await screenshot(ben, SHOTS, '02-broadcast');

    // Ann reloads the page: she joins again and lands back in Room 1, still alone there.
    await ann.reload();
    await enterRoom(ann, url, m.code, 'Ann Guest');
    await expect.poll(() => banner(ann).getAttribute('data-room'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => tiles(ann), { timeout: 15_000 }).toEqual([await me(ann)]);

    // Ben asks for help; the host sees it and goes there, then comes back.
    await ben.getByRole('button', { name: 'Ask for help' }).click();
    await h.getByTestId('breakout-help').waitFor({ timeout: 10_000 });
    expect(await h.getByTestId('breakout-help').textContent()).toContain(
      'Ben Guest asks for help in Room 2',
    );
    await h.getByRole('button', { name: 'Go to Room 2' }).click();
    await expect
      .poll(() => tiles(h), { timeout: 15_000 })
      .toEqual([await me(h), await me(ben)].sort());
    await expect
      .poll(() => tiles(ben), { timeout: 15_000 })
      .toEqual([await me(h), await me(ben)].sort());
    // Answered: the request is gone from the host's banner.
    await expect.poll(() => h.getByTestId('breakout-help').count()).toBe(0);
    await screenshot(h, SHOTS, '03-host-visits-room-2');

    await h.getByTestId('breakout-close').click();
    for (const page of [h, ann, ben]) {
      await expect.poll(() => banner(page).count(), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => tiles(page), { timeout: 20_000 }).toEqual(everyone);
    }
    await screenshot(ann, SHOTS, '04-everyone-back');
  });
});
