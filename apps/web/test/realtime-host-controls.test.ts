import type { Session } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { screenshot } from './support/page-checks';
import { enterRoom, personRow, pressJoin, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-realtime-host-controls';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Hana Host');
});
afterAll(async () => {
  await stack?.close();
});

describe('host controls, live', () => {
  it('mutes a participant’s microphone, then removes them for good, and locks the meeting', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(stack.url, host, {
      title: 'Host controls',
      settings: { lobby: false },
    });
    const h = await quietPage(browser, host);
    await enterRoom(h, url, m.code);
    const p = await quietPage(browser);
    await enterRoom(p, url, m.code, 'Pat Talker');
    const micToggle = p.getByTestId('toggle-microphone');
    await expect.poll(() => micToggle.getAttribute('aria-pressed')).toBe('true');

    // The host sees Pat's mic on, and mutes it from Pat's menu.
    await h.getByTestId('people-toggle').click();
    await expect
      .poll(() => personRow(h, 'Pat Talker').getAttribute('data-mic'), { timeout: 10_000 })
      .toBe('on');
    await h.getByRole('button', { name: 'Actions for Pat Talker' }).click();
    await screenshot(h, SHOTS, '01-host-menu');
    await h.getByRole('button', { name: "Mute Pat Talker's microphone" }).click();

    // Pat's own controls say muted, Pat is told who did it, and everyone's list agrees.
    await expect
      .poll(() => micToggle.getAttribute('aria-pressed'), { timeout: 10_000 })
      .toBe('false');
    expect(await micToggle.getAttribute('aria-label')).toBe('Unmute microphone');
    await expect
      .poll(() => p.getByTestId('muted-by-host').textContent())
      .toContain('Hana Host muted your microphone');
    await expect.poll(() => personRow(h, 'Pat Talker').getAttribute('data-mic')).toBe('off');
    await screenshot(p, SHOTS, '02-participant-muted');

    // The host asks Pat to unmute; Pat gets the prompt and decides.
    await h.getByRole('button', { name: 'Actions for Pat Talker' }).click();
    await h.getByRole('button', { name: 'Ask Pat Talker to unmute' }).click();
    await p.getByText('The host asks you to unmute').waitFor({ timeout: 10_000 });
    await screenshot(p, SHOTS, '03-asked-to-unmute');
    await p.getByRole('button', { name: 'Unmute your microphone' }).click();
    await expect.poll(() => micToggle.getAttribute('aria-pressed')).toBe('true');

    // Removed: Pat's page says so, Pat leaves everyone's list, and a rejoin is refused.
    await h.getByRole('button', { name: 'Actions for Pat Talker' }).click();
    await h.getByRole('button', { name: 'Remove Pat Talker from the meeting' }).click();
    await expect
      .poll(() => p.getByTestId('exit-screen').getAttribute('data-reason'), { timeout: 10_000 })
      .toBe('removed');
    expect(await p.getByRole('heading').textContent()).toBe('You were removed from this meeting');
    await expect.poll(() => personRow(h, 'Pat Talker').count(), { timeout: 10_000 }).toBe(0);
    await screenshot(p, SHOTS, '04-removed');

    await pressJoin(p, url, m.code, 'Pat Talker');
    await expect
      .poll(() => p.getByTestId('exit-screen').getAttribute('data-reason'), { timeout: 10_000 })
      .toBe('removed');
    expect(await p.getByTestId('room').count()).toBe(0);
    await screenshot(p, SHOTS, '05-rejoin-refused');

    // Locked: someone new is refused with a screen that says why.
    await h.getByRole('button', { name: 'Lock the meeting' }).click();
    await expect.poll(() => h.getByTestId('lock-toggle').getAttribute('aria-pressed')).toBe('true');
    const late = await quietPage(browser);
    await pressJoin(late, url, m.code, 'Lee Late');
    await expect
      .poll(() => late.getByTestId('exit-screen').getAttribute('data-reason'), { timeout: 10_000 })
      .toBe('locked');
    expect(await late.getByRole('heading').textContent()).toBe('This meeting is locked');
    await screenshot(late, SHOTS, '06-locked');
  });
});
