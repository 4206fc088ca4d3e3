import type { Session } from '@gomeet/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser, signedInContext } from './support/api';
import { identityOf, remoteAudio, sampleVideo, screenshot, tileVideo } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-devices-in-call';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  // Chromium's fake devices: three cameras, and (always) three microphones and speakers. Of the
  // cameras, fake_device_1 never feeds a peer connection (its frames reach a <video> but not
  // the encoder, even as the first camera; checked with plain RTCPeerConnections, no LiveKit),
  // so the test switches to fake_device_2.
  stack = await startStack({ args: ['--use-fake-device-for-media-stream=device-count=3'] });
  host = await registerUser(stack.url, 'Switching Sam');
});
afterAll(async () => {
  await stack?.close();
});

/** The device a participant's own camera tile shows. */
const ownCameraDevice = (page: Page, identity: string) =>
  tileVideo(page, identity).evaluate((v: HTMLVideoElement) => {
    const stream = v.srcObject instanceof MediaStream ? v.srcObject : null;
    return stream?.getVideoTracks()[0]?.getSettings().deviceId;
  });

/** The id of the option labelled `label` in the room's device picker called `picker`. */
const optionId = (page: Page, picker: string, label: string) =>
  page
    .getByLabel(picker, { exact: true })
    .locator('option', { hasText: label })
    .getAttribute('value');

const framesOf = async (page: Page, identity: string) =>
  (await sampleVideo(tileVideo(page, identity), 1500)).frames;

describe('devices during the call', () => {
  it('switches camera, microphone and speaker without rejoining (the guest still hears), and falls back when the camera disappears', async () => {
    const m = await createMeeting(stack.url, host, {
      title: 'Devices',
      settings: { lobby: false },
    });
    const context = await signedInContext(stack.browser, host, {
      viewport: { width: 1100, height: 720 },
    });
    const sam = await context.newPage();
    await enterRoom(sam, stack.url, m.code);
    const guest = await quietPage(stack.browser);
    await enterRoom(guest, stack.url, m.code, 'Gabe Guest');
    const samId = await identityOf(sam);
    const guestId = await identityOf(guest);
    await expect.poll(() => framesOf(guest, samId), { timeout: 20_000 }).toBeGreaterThan(0);

    await sam.getByTestId('media-settings-button').click();
    const second = await optionId(sam, 'Camera', 'fake_device_2');
    await sam.getByLabel('Camera', { exact: true }).selectOption({ label: 'fake_device_2' });
    await expect.poll(() => ownCameraDevice(sam, samId), { timeout: 15_000 }).toBe(second);
    await expect.poll(() => framesOf(sam, samId), { timeout: 15_000 }).toBeGreaterThan(0);
    // The guest keeps seeing Sam: new frames arrive after the switch, and keep arriving.
    await expect.poll(() => framesOf(guest, samId), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await framesOf(guest, samId)).toBeGreaterThan(0);

    await sam
      .getByLabel('Microphone', { exact: true })
      .selectOption({ label: 'Fake Audio Input 2' });
    await expect
      .poll(() => remoteAudio(guest, samId), { timeout: 15_000 })
      .toEqual([{ live: true, paused: false }]);

    const speaker = await optionId(sam, 'Speaker', 'Fake Audio Output 1');
    await sam.getByLabel('Speaker', { exact: true }).selectOption({ label: 'Fake Audio Output 1' });
    const sinkOfGuest = () =>
      sam.locator(`audio[data-identity="${guestId}"]`).evaluate((a: HTMLAudioElement) => a.sinkId);
    await expect.poll(sinkOfGuest, { timeout: 15_000 }).toBe(speaker);
    await screenshot(sam, SHOTS, '01-settings-switched');

    // Unplugging a camera cannot be done to Chromium's fake devices, so the page is made to list
    // the devices without the one in use and told they changed, as the browser would.
    await sam.evaluate((gone) => {
      const media = navigator.mediaDevices;
      const list = media.enumerateDevices.bind(media);
      media.enumerateDevices = async () => (await list()).filter((d) => d.deviceId !== gone);
      media.dispatchEvent(new Event('devicechange'));
    }, second);
    const first = await optionId(sam, 'Camera', 'fake_device_0');
    await expect
      .poll(() => sam.getByTestId('device-notice').textContent(), { timeout: 15_000 })
      .toContain('fake_device_2 was disconnected. Now using fake_device_0.');
    await expect.poll(() => ownCameraDevice(sam, samId), { timeout: 15_000 }).toBe(first);
    await expect.poll(() => framesOf(sam, samId), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(sam, SHOTS, '02-camera-unplugged');
  }, 180_000);
});
