import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, remoteAudio, sampleVideo, screenshot, tileVideo } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-meeting-room';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

async function expectPlaying(page: Page, identity: string, testId?: string) {
  const video = tileVideo(page, identity, testId);
  await expect
    .poll(
      async () => (await video.count()) > 0 && (await sampleVideo(video.first(), 500)).width > 0,
      { timeout: 20_000 },
    )
    .toBe(true);
  const sample = await sampleVideo(video.first(), 1000);
  expect(sample.width).toBeGreaterThan(0);
  expect(sample.frames).toBeGreaterThan(3);
  expect(sample.advanced).toBeGreaterThan(0);
}

async function expectHearing(page: Page, identity: string) {
  await expect
    .poll(() => remoteAudio(page, identity), { timeout: 15_000 })
    .toEqual([{ live: true, paused: false }]);
}

describe('the meeting room', () => {
  it('takes a host and a guest from sign-up through screen share to the end of the meeting', async () => {
    const { browser, url } = stack;
    const viewport = { width: 1280, height: 720 };
    const a = await (await browser.newContext({ viewport })).newPage();
    const b = await (await browser.newContext({ viewport })).newPage();
    a.on('dialog', (d) => void d.accept());

    // A signs up and schedules a meeting that opens without a lobby.
    await a.goto(url);
    await a.getByRole('tab', { name: 'Sign up' }).click();
    await a.getByLabel('Your name').fill('Ada Host');
    await a.getByLabel('Email').fill(`ada-${Date.now()}@example.test`);
    await a.getByLabel('Password').fill('correct horse battery staple');
    await a.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => a.getByText('Signed in as Ada Host').count()).toBe(1);
    await screenshot(a, SHOTS, '01-dashboard');

    await a.getByRole('button', { name: 'Schedule a meeting' }).click();
    await a.getByLabel('Title').fill('Design review');
    await a.getByLabel('Lobby: the host admits people').uncheck();
    await a.getByRole('button', { name: 'Schedule', exact: true }).click();
    const invite = (await a.getByTestId('invite-link').textContent({ timeout: 10_000 })) ?? '';
    expect(invite).toMatch(/\/m\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    await expect.poll(() => a.getByTestId('meeting-row').count()).toBe(1);
    await screenshot(a, SHOTS, '02-scheduled');

    // A goes through pre-join (camera preview) into the room.
    await a.getByTestId('start-created').click();
    await expect.poll(() => a.getByTestId('preview-video').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(a, SHOTS, '03-prejoin-host');
    await a.getByTestId('join-button').click();
    await a.getByTestId('room').waitFor();
    const aId = await identityOf(a);

    // B opens the invite link as a guest.
    await b.goto(new URL(new URL(invite).pathname, url).href);
    await b.getByLabel('Your name').fill('Bea Guest');
    await b.getByTestId('join-button').click();
    await b.getByTestId('room').waitFor();
    const bId = await identityOf(b);
    expect(bId).not.toBe(aId);

    await expectPlaying(a, bId);
    await expectPlaying(b, aId);
    await expectHearing(a, bId);
    await expectHearing(b, aId);
    await screenshot(a, SHOTS, '04-host-sees-guest');
    await screenshot(b, SHOTS, '05-guest-sees-host');

    // The speaker layout puts the other person in the big tile.
    await a.getByRole('button', { name: 'Switch to speaker layout' }).click();
    await expect
      .poll(() => a.getByTestId('focus-view').getAttribute('data-layout'))
      .toBe('speaker');
    expect(
      await a.locator('.focus-main [data-testid="participant-tile"]').getAttribute('data-identity'),
    ).toBe(bId);
    await screenshot(a, SHOTS, '05b-host-speaker-layout');
    await a.getByRole('button', { name: 'Switch to grid layout' }).click();
    await a.getByTestId('grid').waitFor();

    // A shares the screen; B gets it in its own focus tile.
    await a.getByRole('button', { name: 'Share your screen' }).click();
    await expectPlaying(b, aId, 'screen-share-tile');
    await expect.poll(() => b.getByTestId('focus-view').getAttribute('data-layout')).toBe('screen');
    await screenshot(b, SHOTS, '06-guest-sees-screen');
    await a.getByRole('button', { name: 'Stop sharing your screen' }).click();
    await expect.poll(() => b.getByTestId('screen-share-tile').count()).toBe(0);

    // B leaves; A's grid drops B's tile.
    await b.getByTestId('leave-button').click();
    await expect.poll(() => b.getByTestId('exit-screen').getAttribute('data-reason')).toBe('left');
    await expect
      .poll(() => a.locator('[data-testid="participant-tile"]').count(), { timeout: 15_000 })
      .toBe(1);
    await screenshot(a, SHOTS, '07-host-after-guest-left');

    // B rejoins, then A ends the meeting for everyone: B is told it has ended.
    await b.getByRole('button', { name: 'Rejoin' }).click();
    await b.getByTestId('join-button').click();
    await b.getByTestId('room').waitFor();
    await expectPlaying(b, aId);
    await a.getByTestId('end-button').click();
    await b.getByTestId('meeting-ended').waitFor({ timeout: 15_000 });
    expect(await b.getByTestId('meeting-ended').textContent()).toBe('This meeting has ended');
    await a.getByTestId('meeting-ended').waitFor();
    await screenshot(b, SHOTS, '08-guest-told-meeting-ended');
  });
});
