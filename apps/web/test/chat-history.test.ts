import type { Session } from '@gomeet/protocol';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { sendChat } from './support/chat';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-chat-history';
let stack: Stack;
let host: Session;
let member: Session;
let stranger: Session;

beforeAll(async () => {
  stack = await startStack();
  [host, member, stranger] = await Promise.all([
    registerUser(stack.url, 'Hana Host'),
    registerUser(stack.url, 'Mo Member'),
    registerUser(stack.url, 'Sam Stranger'),
  ]);
});
afterAll(async () => {
  await stack?.close();
});

const historyOf = (row: Locator) => row.getByTestId('chat-history').locator('li').allTextContents();

describe('chat history after the meeting', () => {
  it('stays readable by the people who were in it, from the exit screen and the dashboard', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, {
      title: 'Retro notes',
      settings: { lobby: false },
    });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const p = await quietPage(browser, member);
    await enterRoom(p, url, m.code);
    await h.getByTestId('chat-toggle').click();
    await p.getByTestId('chat-toggle').click();
    await sendChat(h, 'Action item: ship it');
    await expect
      .poll(() => p.getByTestId('chat-text').allTextContents())
      .toContain('Action item: ship it');
    await sendChat(p, 'I will write the notes');
    await expect
      .poll(() => h.getByTestId('chat-text').allTextContents())
      .toContain('I will write the notes');

    // The host ends it: the member (signed in, not the host) is told where the chat stays.
    await h.getByTestId('end-button').click();
    await p.getByTestId('meeting-ended').waitFor({ timeout: 15_000 });
    await p.getByText('The meeting’s chat stays readable on your dashboard, under Past.').waitFor();
    await screenshot(p, SHOTS, '01-exit-screen-points-to-chat');

    // Following the link opens the meeting's row under Past with its chat already shown.
    await p.getByRole('link', { name: 'Read the chat' }).click();
    const past = p.getByRole('region', { name: 'Past' });
    const row = past.getByTestId('meeting-row').filter({ hasText: 'Retro notes' });
    await row.waitFor();
    await expect
      .poll(() => historyOf(row))
      .toEqual([
        expect.stringMatching(/^Hana Host .* Action item: ship it$/),
        expect.stringMatching(/^Mo Member .* I will write the notes$/),
      ]);
    expect(await row.locator('details').getAttribute('open')).not.toBeNull();
    await screenshot(p, SHOTS, '02-member-reads-chat');

    // The host reads it from their own dashboard by opening the panel.
    await h.getByRole('link', { name: 'Back to home' }).click();
    const hostRow = h
      .getByRole('region', { name: 'Past' })
      .getByTestId('meeting-row')
      .filter({ hasText: 'Retro notes' });
    await hostRow.getByText('Chat history', { exact: true }).click();
    await expect.poll(() => historyOf(hostRow)).toHaveLength(2);

    // Someone who was not there has no such row, even when handed the link.
    const s = await quietPage(browser, stranger);
    await s.goto(new URL(`/?chat=${m.code}`, url).href);
    await s.getByText('No past meetings yet.').waitFor();
    expect(await s.getByTestId('chat-history').count()).toBe(0);
  }, 120_000);
});
