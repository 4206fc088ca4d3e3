import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { identityOf, screenshot } from './support/page-checks';
import { enterRoom, personRow, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-room-spotlight-hands';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Hana Host');
});
afterAll(async () => {
  await stack?.close();
});

/** What the stage shows: its layout and whose tile is big (null in the grid). */
async function stageOf(page: Page) {
  const focus = page.getByTestId('focus-view');
  if ((await focus.count()) === 0) return { layout: 'grid', big: null };
  return {
    layout: await focus.getAttribute('data-layout'),
    big: await page
      .locator('.focus-main [data-testid="participant-tile"]')
      .getAttribute('data-identity'),
  };
}

async function hostAction(h: Page, person: string, action: string) {
  await h.getByRole('button', { name: `Actions for ${person}` }).click();
  await h.getByRole('button', { name: action }).click();
}

describe('spotlight, pin and hands', () => {
  it('a host spotlights someone for everyone (kept across a reload); a pin is mine alone', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, { title: 'Stage', settings: { lobby: false } });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const p = await quietPage(browser);
    await enterRoom(p, url, m.code, 'Pat Talker');
    const [hId, pId] = [await identityOf(h), await identityOf(p)];

    await h.getByTestId('people-toggle').click();
    await hostAction(h, 'Pat Talker', 'Spotlight Pat Talker for everyone');
    const spotlit = { layout: 'spotlight', big: pId };
    await expect.poll(() => stageOf(p), { timeout: 10_000 }).toEqual(spotlit);
    await expect.poll(() => stageOf(h), { timeout: 10_000 }).toEqual(spotlit);
    expect(await p.getByTestId('spotlight-badge').count()).toBe(1);
    await screenshot(p, SHOTS, '01-participant-spotlit');

    // The spotlight lives with the meeting: a reload finds it again.
    await p.reload();
    await p.getByTestId('join-button').click();
    await p.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => stageOf(p), { timeout: 10_000 }).toEqual(spotlit);

    // Pat pins the host for himself: his stage changes, the host's does not.
    await p.getByRole('button', { name: 'Pin Hana Host for yourself' }).click();
    await expect.poll(() => stageOf(p)).toEqual({ layout: 'pinned', big: hId });
    await screenshot(p, SHOTS, '02-participant-pinned-host');
    expect(await stageOf(h)).toEqual(spotlit);

    // The host ends the spotlight: back to the grid for the host; Pat keeps his pin.
    await h.getByTestId('end-spotlight').click();
    await expect.poll(() => stageOf(h), { timeout: 10_000 }).toEqual({ layout: 'grid', big: null });
    await p.getByRole('button', { name: 'Unpin Hana Host' }).click();
    await expect.poll(() => stageOf(p), { timeout: 10_000 }).toEqual({ layout: 'grid', big: null });
  });

  it('a host lowers one hand, then all hands, and the people whose hands went down see it', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, { title: 'Hands', settings: { lobby: false } });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const p = await quietPage(browser);
    await enterRoom(p, url, m.code, 'Pat Talker');
    const q = await quietPage(browser);
    await enterRoom(q, url, m.code, 'Quinn Asker');
    const handOf = (page: Page) => page.getByTestId('hand-toggle').getAttribute('aria-pressed');
    const handInList = (name: string) => personRow(h, name).locator('.hand').count();

    await h.getByTestId('people-toggle').click();
    await p.getByRole('button', { name: 'Raise your hand' }).click();
    await q.getByRole('button', { name: 'Raise your hand' }).click();
    await expect.poll(() => handInList('Pat Talker'), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => handInList('Quinn Asker'), { timeout: 10_000 }).toBe(1);

    await hostAction(h, 'Pat Talker', "Lower Pat Talker's hand");
    await expect.poll(() => handOf(p), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => handInList('Pat Talker')).toBe(0);
    expect(await handOf(q)).toBe('true');

    await p.getByRole('button', { name: 'Raise your hand' }).click();
    await expect.poll(() => handInList('Pat Talker'), { timeout: 10_000 }).toBe(1);
    await screenshot(h, SHOTS, '03-host-sees-hands');
    await h.getByTestId('lower-all-hands').click();
    await expect.poll(() => handOf(p), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => handOf(q), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => h.locator('.people .hand').count()).toBe(0);
    expect(await h.getByTestId('lower-all-hands').count()).toBe(0);
    await screenshot(q, SHOTS, '04-hand-lowered');
  });
});
