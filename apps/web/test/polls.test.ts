import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-polls';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Hana Host');
});
afterAll(async () => {
  await stack?.close();
});

const counts = (page: Page) => page.getByTestId('poll-count').allTextContents();

describe('polls, live', () => {
  it('a host drafts and launches a poll, two guests vote once, bars move for everyone, the host closes and shares', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, { title: 'Polls', settings: { lobby: false } });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const ann = await quietPage(browser);
    await enterRoom(ann, url, m.code, 'Ann Voter');
    const ben = await quietPage(browser);
    await enterRoom(ben, url, m.code, 'Ben Voter');

    await h.getByTestId('polls-toggle').click();
    await h.getByTestId('poll-question').fill('Where shall we meet?');
    await h.getByTestId('poll-option-0').fill('Office');
    await h.getByTestId('poll-option-1').fill('Park, by the lake');
    await h.getByTestId('poll-create').click();
    await h.locator('[data-testid="poll"][data-state="draft"]').waitFor();
    // A draft is the hosts' own: the guests' badge stays quiet until it is launched.
    expect(await ann.getByTestId('polls-toggle').getAttribute('aria-label')).toBe('Polls');
    await h.getByTestId('poll-launch').click();

    await expect
      .poll(() => ann.getByTestId('polls-toggle').getAttribute('aria-label'), { timeout: 10_000 })
      .toBe('Polls, 1 new');
    await screenshot(ann, SHOTS, '01-poll-badge');
    await ann.getByTestId('polls-toggle').click();
    await ann.getByLabel('Park, by the lake').check();
    await ann.getByTestId('poll-vote').click();
    await expect.poll(() => counts(ann), { timeout: 10_000 }).toEqual(['0 (0%)', '1 (100%)']);
    // Voted: no second ballot is offered.
    expect(await ann.getByTestId('poll-vote').count()).toBe(0);
    await expect.poll(() => counts(h), { timeout: 10_000 }).toEqual(['0 (0%)', '1 (100%)']);
    await expect.poll(() => h.locator('.poll-voters').allTextContents()).toEqual(['Ann Voter']);

    await ben.getByTestId('polls-toggle').click();
    await ben.getByLabel('Office').check();
    await ben.getByTestId('poll-vote').click();
    // Live for everyone: Ann sees Ben's vote arrive without doing anything.
    await expect.poll(() => counts(ann), { timeout: 10_000 }).toEqual(['1 (50%)', '1 (50%)']);
    await expect.poll(() => counts(h), { timeout: 10_000 }).toEqual(['1 (50%)', '1 (50%)']);
    await screenshot(h, SHOTS, '02-host-live-results');

    await h.getByTestId('poll-close').click();
    await ben.locator('[data-testid="poll"][data-state="closed"]').waitFor({ timeout: 10_000 });
    // Someone who did not vote sees the closed poll without results until the host shares them.
    const cy = await quietPage(browser);
    await enterRoom(cy, url, m.code, 'Cy Late');
    await cy.getByTestId('polls-toggle').click();
    await cy.locator('[data-testid="poll"][data-state="closed"]').waitFor({ timeout: 10_000 });
    expect(await cy.getByTestId('poll-count').count()).toBe(0);
    await h.getByTestId('poll-share').click();
    await expect.poll(() => counts(cy), { timeout: 10_000 }).toEqual(['1 (50%)', '1 (50%)']);
    await expect
      .poll(() => ann.getByTestId('poll').textContent(), { timeout: 10_000 })
      .toContain('results shared');
    await screenshot(ann, SHOTS, '03-results-shared');

    const download = h.waitForEvent('download');
    await h.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    const csv = await new Response(
      (await file.createReadStream()) as unknown as ReadableStream,
    ).text();
    expect(csv).toContain('"Park, by the lake",1,Ann Voter');
  });
});
