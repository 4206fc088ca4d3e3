import type { Session } from '@gomeet/protocol';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser, signedInContext } from './support/api';
import { identityOf, sampleVideo, screenshot, tileVideo } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { logRequests, outsideRequests } from './support/request-log';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-background-effects';
let stack: Stack;
let host: Session;

beforeAll(async () => {
  stack = await startStack();
  host = await registerUser(stack.url, 'Blurry Bea');
});
afterAll(async () => {
  await stack?.close();
});

/**
 * Whether a <video> shows a processed track: Chromium's fake cameras are labelled
 * fake_device_N, a track the effect generates is not.
 */
const showsProcessedTrack = (video: Locator) =>
  video.evaluate((v: HTMLVideoElement) => {
    const stream = v.srcObject instanceof MediaStream ? v.srcObject : null;
    const label = stream?.getVideoTracks()[0]?.label;
    return label !== undefined && !label.startsWith('fake_device');
  });

describe('background effects (MediaPipe Selfie Segmentation, served from our origin)', () => {
  it('blurs the pre-join preview and the published camera, loading nothing from elsewhere', async () => {
    const m = await createMeeting(stack.url, host, { title: 'Blur', settings: { lobby: false } });
    const context = await signedInContext(stack.browser, host, {
      viewport: { width: 1100, height: 720 },
    });
    const requests = logRequests(context);
    const bea = await context.newPage();
    await bea.addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
      });
    });
    await bea.goto(new URL(`/m/${m.code}`, stack.url).href);
    await bea.getByTestId('preview-video').waitFor({ timeout: 20_000 });
    // Lazy: the model and WASM are fetched when an effect is first picked, not before.
    expect(requests.filter((u) => u.includes('/effects/'))).toEqual([]);

    await bea.getByTestId('background-effect').selectOption('blur');
    await expect
      .poll(() => showsProcessedTrack(bea.getByTestId('preview-video')), { timeout: 60_000 })
      .toBe(true);
    await expect
      .poll(async () => (await sampleVideo(bea.getByTestId('preview-video'), 3000)).frames, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    const origin = new URL(stack.url).origin;
    expect(requests).toContain(
      `${origin}/effects/segmentation/selfie_segmentation_solution_simd_wasm_bin.wasm`,
    );
    await screenshot(bea, SHOTS, '01-prejoin-blur');

    await bea.getByTestId('join-button').click();
    await bea.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 60_000 });
    const beaId = await identityOf(bea);
    await expect
      .poll(() => showsProcessedTrack(tileVideo(bea, beaId)), { timeout: 60_000 })
      .toBe(true);
    const guest = await quietPage(stack.browser);
    await enterRoom(guest, stack.url, m.code, 'Gil Guest');
    // The other side keeps receiving the (processed) camera.
    await expect
      .poll(async () => (await sampleVideo(tileVideo(guest, beaId), 3000)).frames, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await screenshot(guest, SHOTS, '02-guest-sees-blurred-host');

    expect(outsideRequests(requests)).toEqual([]);
    const violations = await bea.evaluate(
      () => (window as unknown as { violations: string[] }).violations,
    );
    expect(violations).toEqual([]);
  }, 240_000);
});
