import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { remoteAudio, screenshot } from './support/page-checks';
import { enterRoom, personRow, quietPage } from './support/realtime';
import { sendChat } from './support/chat';
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

/** The chat as this page shows it (texts, oldest first). */
const chatTexts = (page: Page) => page.getByTestId('chat-text').allTextContents();
/** Says `text` to everyone in the room this page is in. */
/** Whether this page plays `identity`'s microphone, live. */
const hears = async (page: Page, identity: string) =>
  (await remoteAudio(page, identity)).some((a) => a.live && !a.paused);

describe('breakout rooms, live', () => {
  it('a host opens two rooms: each guest sees, hears and chats with only their room, a reload lands back in it, the host mutes someone there, closing brings everyone and the main chat back', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, { title: 'Breakouts', settings: { lobby: false } });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const ann = await quietPage(browser);
    await enterRoom(ann, url, m.code, 'Ann Guest');
    const ben = await quietPage(browser);
    await enterRoom(ben, url, m.code, 'Ben Guest');
    const cy = await quietPage(browser);
    await enterRoom(cy, url, m.code, 'Cy Guest');
    const [hId, annId, benId, cyId] = [await me(h), await me(ann), await me(ben), await me(cy)];
    const everyone = [hId, annId, benId, cyId].sort();
    for (const page of [h, ann, ben, cy])
      await expect.poll(() => tiles(page), { timeout: 20_000 }).toEqual(everyone);

    // Something said in the main room before the rooms open.
    await h.getByTestId('chat-toggle').click();
    await sendChat(h, 'Welcome to the main room');
    for (const page of [ann, ben, cy]) await page.getByTestId('chat-toggle').click();
    for (const page of [ann, ben, cy])
      await expect
        .poll(() => chatTexts(page), { timeout: 10_000 })
        .toEqual(['Welcome to the main room']);

    await h.getByTestId('breakouts-toggle').click();
    await h.getByTestId('breakout-count').fill('2');
    await h.getByTestId('breakout-create').click();
    for (const [name, room] of [
      ['Ann Guest', '1'],
      ['Cy Guest', '1'],
      ['Ben Guest', '2'],
    ] as const) {
      await h.getByLabel(`Room for ${name}`).selectOption(room);
      await expect.poll(() => h.getByLabel(`Room for ${name}`).inputValue()).toBe(room);
    }
    await h.getByTestId('breakout-minutes').fill('10');
    await h.getByTestId('breakout-open').click();

    // Each guest moves to their room's LiveKit room: Ann and Cy see and hear each other, Ben
    // is alone; microphones stay on.
    for (const [page, room] of [
      [ann, '1'],
      [cy, '1'],
      [ben, '2'],
    ] as const)
      await expect
        .poll(() => banner(page).getAttribute('data-room'), { timeout: 15_000 })
        .toBe(room);
    const room1 = [annId, cyId].sort();
    await expect.poll(() => tiles(ann), { timeout: 20_000 }).toEqual(room1);
    await expect.poll(() => tiles(cy), { timeout: 20_000 }).toEqual(room1);
    await expect.poll(() => tiles(ben), { timeout: 20_000 }).toEqual([benId]);
    await expect.poll(() => hears(ann, cyId), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => ann.getByTestId('toggle-microphone').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await banner(ann).textContent()).toContain('You are in Room 1');
    expect(await ann.getByTestId('breakout-countdown').textContent()).toMatch(
      /^(10:00|9:\d\d) left$/,
    );
    await expect.poll(() => tiles(h), { timeout: 15_000 }).toEqual([hId]);
    await screenshot(ann, SHOTS, '01-guest-in-room-1');

    // Chat is per room: each room starts empty, and Room 1's chat stays in Room 1.
    for (const page of [ann, ben, cy])
      await expect.poll(() => chatTexts(page), { timeout: 10_000 }).toEqual([]);
    await sendChat(cy, 'Room 1 plan: slides first');
    await expect
      .poll(() => chatTexts(ann), { timeout: 10_000 })
      .toEqual(['Room 1 plan: slides first']);

    await h.getByTestId('breakout-message').fill('Two minutes left, wrap up');
    await h.getByTestId('breakout-broadcast-send').click();
    for (const page of [ann, ben, cy])
      await expect
        .poll(() => page.getByTestId('breakout-broadcast').textContent(), { timeout: 10_000 })
        .toBe('Hana Host: Two minutes left, wrap up');
    await screenshot(ben, SHOTS, '02-broadcast');
    expect(await chatTexts(ben)).toEqual([]);

    // Ann reloads the page: she joins again straight into Room 1 (never the main room), sees
    // and hears Cy, Cy hears her, and Room 1's chat is there.
    await ann.reload();
    await enterRoom(ann, url, m.code, 'Ann Guest');
    await expect.poll(() => banner(ann).getAttribute('data-room'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => tiles(ann), { timeout: 20_000 }).toEqual(room1);
    await expect.poll(() => hears(ann, cyId), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => hears(cy, annId), { timeout: 15_000 }).toBe(true);
    expect(await tiles(h)).toEqual([hId]);
    await ann.getByTestId('chat-toggle').click();
    await expect
      .poll(() => chatTexts(ann), { timeout: 10_000 })
      .toEqual(['Room 1 plan: slides first']);

    // The host, in the main room, mutes Ben in Room 2.
    await h.getByTestId('people-toggle').click();
    await expect
      .poll(() => personRow(h, 'Ben Guest').getAttribute('data-mic'), { timeout: 10_000 })
      .toBe('on');
    await h.getByRole('button', { name: 'Actions for Ben Guest' }).click();
    await h.getByRole('button', { name: "Mute Ben Guest's microphone" }).click();
    await expect
      .poll(() => ben.getByTestId('toggle-microphone').getAttribute('aria-pressed'), {
        timeout: 10_000,
      })
      .toBe('false');
    await expect
      .poll(() => ben.getByTestId('muted-by-host').textContent())
      .toContain('Hana Host muted your microphone');

    // Ben asks for help; the host sees it and goes there, then comes back.
    await ben.getByRole('button', { name: 'Ask for help' }).click();
    await h.getByTestId('breakout-help').waitFor({ timeout: 10_000 });
    expect(await h.getByTestId('breakout-help').textContent()).toContain(
      'Ben Guest asks for help in Room 2',
    );
    await h.getByRole('button', { name: 'Go to Room 2' }).click();
    await expect.poll(() => tiles(h), { timeout: 15_000 }).toEqual([hId, benId].sort());
    await expect.poll(() => tiles(ben), { timeout: 15_000 }).toEqual([hId, benId].sort());
    // Answered: the request is gone from the host's banner.
    await expect.poll(() => h.getByTestId('breakout-help').count()).toBe(0);
    await screenshot(h, SHOTS, '03-host-visits-room-2');

    await h.getByTestId('breakouts-toggle').click();
    await h.getByTestId('breakout-close').click();
    for (const page of [h, ann, ben, cy]) {
      await expect.poll(() => banner(page).count(), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => tiles(page), { timeout: 20_000 }).toEqual(everyone);
    }
    // Back in the main room, its chat is back (and Room 1's is not in it).
    for (const page of [ann, ben, cy])
      await expect
        .poll(() => chatTexts(page), { timeout: 10_000 })
        .toEqual(['Welcome to the main room']);
    await screenshot(ann, SHOTS, '04-everyone-back');
  }, 240_000);
});
