import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from '@gomeet/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser, signedInContext } from './support/api';
import { writeNoisyWav } from './support/noisy-wav';
import { identityOf, screenshot, tileVideo } from './support/page-checks';
import { enterRoom, personRow } from './support/realtime';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-room-stage-extras';
let dir: string;
let stack: Stack;
let host: Session;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gomeet-stage-'));
  const wav = path.join(dir, 'tone-and-noise.wav');
  await writeNoisyWav(wav);
  // Every microphone in this browser plays a steady tone under noise: a speaker who never pauses.
  stack = await startStack({ args: [`--use-file-for-fake-audio-capture=${wav}`] });
  host = await registerUser(stack.url, 'Hana Host');
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * A page whose devices start as given (noise suppression off: the tone is the speech here),
 * signed in as `session` when given. Every picture-in-picture request is written down in
 * `window.pipRequests` (whose tile, and whether the browser granted it) before it goes on.
 */
async function stagePage(
  browser: Browser,
  devices: { videoEnabled: boolean; audioEnabled: boolean },
  session?: Session,
): Promise<Page> {
  const options = { viewport: { width: 1100, height: 720 } };
  const context = session
    ? await signedInContext(browser, session, options)
    : await browser.newContext(options);
  await context.addInitScript(
    (saved) => {
      localStorage.setItem('gomeet.devices', saved);
      const log: { identity: string | null; outcome: string }[] = [];
      Object.assign(window, { pipRequests: log });
      // Called below with the video as `this`.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const original = HTMLVideoElement.prototype.requestPictureInPicture;
      HTMLVideoElement.prototype.requestPictureInPicture = function (this: HTMLVideoElement) {
        const entry = {
          identity: this.closest('[data-identity]')?.getAttribute('data-identity') ?? null,
          outcome: 'pending',
        };
        log.push(entry);
        const asked = original.call(this);
        asked.then(
          () => (entry.outcome = 'opened'),
          (e: unknown) => (entry.outcome = `refused: ${(e as Error).name}`),
        );
        return asked;
      };
    },
    JSON.stringify({ ...devices, noiseSuppression: false }),
  );
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return page;
}

/** The tile of `identity` as `page` shows it. */
const tileOf = (page: Page, identity: string) =>
  page.locator(`[data-testid="participant-tile"][data-identity="${identity}"]`);

/** Makes the page believe its tab went to the background (or came back), as a tab switch does. */
async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (h ? 'hidden' : 'visible'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

const pipRequests = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { pipRequests: { identity: string | null; outcome: string }[] })
        .pipRequests,
  );

describe('the stage: active speaker, full screen, picture-in-picture', () => {
  it('rings whoever makes sound (not the muted one), fills the screen with the stage, and shows the speaker in picture-in-picture when the tab is hidden', async () => {
    const { browser, url } = stack;
    const m = await createMeeting(url, host, { title: 'Stage', settings: { lobby: false } });
    // Hana talks (the tone) with her camera on; Pat listens with his microphone off.
    const h = await stagePage(browser, { videoEnabled: true, audioEnabled: true }, host);
    await enterRoom(h, url, m.code);
    const p = await stagePage(browser, { videoEnabled: false, audioEnabled: false });
    await enterRoom(p, url, m.code, 'Pat Listener');
    const [hId, pId] = [await identityOf(h), await identityOf(p)];
    await expect
      .poll(() => p.getByTestId('toggle-microphone').getAttribute('aria-pressed'))
      .toBe('false');

    // Active speaker: Pat sees the ring on Hana's tile and her row in the list.
    await expect
      .poll(() => tileOf(p, hId).getAttribute('data-lk-speaking'), { timeout: 30_000 })
      .toBe('true');
    await p.getByTestId('people-toggle').click();
    await expect
      .poll(() => personRow(p, 'Hana Host').getAttribute('data-speaking'), { timeout: 15_000 })
      .toBe('true');
    await screenshot(p, SHOTS, '01-speaker-ringed');
    // Hana never sees a ring on silent Pat, while hers stays on at Pat's (the ring does work).
    await h.getByTestId('people-toggle').click();
    for (let i = 0; i < 8; i++) {
      expect(await tileOf(h, pId).getAttribute('data-lk-speaking')).not.toBe('true');
      expect(await personRow(h, 'Pat Listener').getAttribute('data-speaking')).toBe('false');
      await p.waitForTimeout(500);
    }
    expect(await tileOf(p, hId).getAttribute('data-lk-speaking')).toBe('true');
    await p.getByTestId('people-toggle').click();

    // Full screen: the stage itself (not the whole page) fills the screen, and leaves it again.
    const fullScreen = p.getByTestId('full-screen-toggle');
    await fullScreen.click();
    await expect
      .poll(() => p.evaluate(() => document.fullscreenElement?.className ?? null))
      .toBe('stage-frame');
    // The button follows the fullscreenchange event, which comes a frame after the element.
    await expect.poll(() => fullScreen.getAttribute('aria-pressed')).toBe('true');
    expect(await fullScreen.getAttribute('aria-label')).toBe('Leave full screen');
    await screenshot(p, SHOTS, '02-stage-full-screen');
    await fullScreen.click();
    await expect.poll(() => p.evaluate(() => document.fullscreenElement)).toBeNull();
    await expect.poll(() => fullScreen.getAttribute('aria-pressed')).toBe('false');

    // Picture-in-picture: once Hana's video plays at Pat's, hiding Pat's tab asks for it on
    // her video, and coming back closes the window it opened.
    await expect
      .poll(() => tileVideo(p, hId).evaluate((v: HTMLVideoElement) => v.readyState), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(1);
    expect(await pipRequests(p)).toEqual([]);
    await setHidden(p, true);
    await expect.poll(() => pipRequests(p), { timeout: 10_000 }).toHaveLength(1);
    await expect
      .poll(async () => (await pipRequests(p))[0]?.outcome, { timeout: 10_000 })
      .not.toBe('pending');
    const [request] = await pipRequests(p);
    expect(request?.identity).toBe(hId);
    // Headless Chromium may open it or refuse it without a user gesture; when it opens, the
    // window shows Hana's video, and it closes when the tab is visible again.
    if (request?.outcome === 'opened') {
      expect(
        await p.evaluate(
          () =>
            document.pictureInPictureElement
              ?.closest('[data-identity]')
              ?.getAttribute('data-identity') ?? null,
        ),
      ).toBe(hId);
      await setHidden(p, false);
      await expect.poll(() => p.evaluate(() => document.pictureInPictureElement)).toBeNull();
    } else {
      expect(request?.outcome).toMatch(/^refused: /);
      await setHidden(p, false);
    }
  }, 180_000);
});
