import type { Session } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, pressJoin, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-returning-guest';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Careful Cara');
});
afterAll(async () => {
  await stack?.close();
});

describe('a removed guest coming back', () => {
  it('says what removal does, then holds the returning guest in the lobby under the earlier name', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, {
      title: 'No lobby',
      settings: { lobby: false, allowGuests: true },
    });
    const h = await quietPage(browser, host);
    const dialogs: string[] = [];
    h.removeAllListeners('dialog');
    h.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await enterRoom(h, url, m.code);
    const g = await quietPage(browser);
    await enterRoom(g, url, m.code, 'Mallory Guest');

    await h.getByTestId('people-toggle').click();
    await h.getByRole('button', { name: 'Actions for Mallory Guest' }).click();
    await h.getByRole('button', { name: 'Remove Mallory Guest from the meeting' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toBe(
      'Remove Mallory Guest from the meeting? They can ask to join again; guests will wait in the lobby.',
    );

    // Back at once with a fresh guest pass (a new browser profile) and another name.
    const again = await quietPage(browser);
    await pressJoin(again, url, m.code, 'Totally New');
    await again.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => h.getByTestId('lobby-entry').textContent(), { timeout: 10_000 })
      .toContain('Totally New');
    await expect
      .poll(() => h.getByTestId('turned-away').textContent(), { timeout: 10_000 })
      .toContain('removed earlier: Mallory Guest');
    await screenshot(h, SHOTS, '01-lobby-shows-removed');
  }, 90_000);
});
