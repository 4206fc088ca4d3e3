import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from './web-build';

export interface VideoSample {
  width: number;
  /** Frames presented during the sample (requestVideoFrameCallback). */
  frames: number;
  /** Seconds of media time that passed during the sample. */
  advanced: number;
}

/** Watches a <video> for `ms` and reports its size and how many new frames it showed. */
export function sampleVideo(video: Locator, ms = 1000): Promise<VideoSample> {
  return video.evaluate(
    (v: HTMLVideoElement, duration) =>
      new Promise<VideoSample>((resolve) => {
        const start = v.currentTime;
        let frames = 0;
        const onFrame = () => {
          frames += 1;
          v.requestVideoFrameCallback(onFrame);
        };
        v.requestVideoFrameCallback(onFrame);
        setTimeout(
          () => resolve({ width: v.videoWidth, frames, advanced: v.currentTime - start }),
          duration,
        );
      }),
    ms,
  );
}

/** A tile's video element, by the participant's identity. */
export function tileVideo(page: Page, identity: string, testId = 'participant-tile'): Locator {
  return page.locator(`[data-testid="${testId}"][data-identity="${identity}"] video`);
}

/** The identity LiveKit knows this page's participant by. */
export async function identityOf(page: Page): Promise<string> {
  const id = await page.getByTestId('room').getAttribute('data-identity');
  if (!id) throw new Error('the room has no data-identity');
  return id;
}

/** Facts about the <audio> element playing `identity`'s microphone. */
export function remoteAudio(page: Page, identity: string) {
  return page
    .locator(`audio[data-identity="${identity}"][data-source="microphone"]`)
    .evaluateAll((els: HTMLAudioElement[]) =>
      els.map((a) => {
        const stream = a.srcObject instanceof MediaStream ? a.srcObject : null;
        const track = stream?.getAudioTracks()[0];
        return { live: track?.readyState === 'live', paused: a.paused };
      }),
    );
}

/** Keeps a screenshot of this step under test-results/ (gitignored). */
export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
  const dir = path.join(repoRoot, 'test-results', folder);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}
