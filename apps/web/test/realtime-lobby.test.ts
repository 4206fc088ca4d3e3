import type { Session } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, pressJoin, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-realtime-lobby';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Lobby Lou');
});
afterAll(async () => {
  await stack?.close();
});

describe('the lobby, live', () => {
  it('lets a host admit one waiting guest into the room and turn another away', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(stack.url, host, {
      title: 'Lobby check',
      settings: { lobby: true },
    });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);

    // Guest 1 waits; the host sees them live and admits them; they land in the room.
    const g1 = await quietPage(browser);
    await pressJoin(g1, url, m.code, 'Wanda Waiting');
    await g1.getByTestId('waiting-room').waitFor();
    await expect
      .poll(() => g1.getByTestId('waiting-room').getAttribute('data-status'))
      .toBe('open');
    await h.getByTestId('lobby-banner').waitFor({ timeout: 10_000 });
    expect(await h.getByTestId('lobby-banner').textContent()).toContain('Wanda Waiting');
    await h.getByTestId('people-toggle').click();
    await screenshot(h, SHOTS, '01-host-sees-lobby');
    await h.getByRole('button', { name: 'Admit Wanda Waiting' }).click();
    await g1.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => h.getByTestId('lobby-entry').count()).toBe(0);
    await expect
      .poll(() => h.getByTestId('participant-row').filter({ hasText: 'Wanda Waiting' }).count())
      .toBe(1);
    await screenshot(g1, SHOTS, '02-guest-admitted');
    await g1.context().close();

    // Guest 2 waits and is denied: their page says so, and no room appears.
    const g2 = await quietPage(browser);
    await pressJoin(g2, url, m.code, 'Dan Denied');
    await g2.getByTestId('waiting-room').waitFor();
    await h.getByRole('button', { name: 'Deny Dan Denied' }).click();
    await expect
      .poll(() => g2.getByTestId('exit-screen').getAttribute('data-reason'), { timeout: 10_000 })
      .toBe('denied');
    expect(await g2.getByRole('heading').textContent()).toBe('The host did not let you in');
    expect(await g2.getByTestId('room').count()).toBe(0);
    await screenshot(g2, SHOTS, '03-guest-denied');
  });
});
