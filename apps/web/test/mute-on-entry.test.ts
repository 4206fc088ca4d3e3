import type { Session } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { identityOf, remoteAudio, screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-mute-on-entry';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Muting Max');
});
afterAll(async () => {
  await stack?.close();
});

describe('mute on entry', () => {
  it('joins a guest without a microphone grant; unmuting asks for it and the host hears them', async () => {
    const m = await createMeeting(stack.url, host, {
      title: 'Quiet please',
      settings: { lobby: false, muteOnEntry: true },
    });
    const hostPage = await quietPage(stack.browser, host);
    await enterRoom(hostPage, stack.url, m.code);
    const guest = await quietPage(stack.browser);
    await enterRoom(guest, stack.url, m.code, 'Gina Guest');
    const guestId = await identityOf(guest);

    // The grant leaves the microphone out (services/meeting/test/room-permissions.test.ts).
    const toggle = guest.getByTestId('toggle-microphone');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await remoteAudio(hostPage, guestId)).toEqual([]);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    await expect
      .poll(() => remoteAudio(hostPage, guestId), { timeout: 15_000 })
      .toEqual([{ live: true, paused: false }]);
    await screenshot(guest, SHOTS, '01-unmuted');
  }, 90_000);
});
