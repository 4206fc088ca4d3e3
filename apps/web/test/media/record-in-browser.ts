/**
 * Run inside a test network namespace (see recording.test.ts): the all-in-one server at
 * HOST=192.0.2.1 with its in-process recorder (local storage) and Chromium as a host and a guest.
 * The host records from the room, the guest watches the banner, the host stops and downloads
 * the file from the meeting's row on the dashboard. Prints one JSON line with what was seen.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGoMeet } from '@gomeet/server';
import type { Page } from 'playwright-core';
import { createMeeting, registerUser } from '../support/api';
import { launchChromium } from '../support/chromium';
import { screenshot } from '../support/page-checks';
import { enterRoom, quietPage } from '../support/realtime';

const SHOTS = 'web-recording';
const banner = (page: Page) => page.getByTestId('recording-banner');

/** Reopens the meeting's recordings until a download is offered (the upload takes a moment). */
async function waitForDownload(page: Page, base: string, code: string) {
  const row = page.locator(`[data-testid="meeting-row"][data-code="${code}"]`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.goto(base);
    await row.getByText('Recordings').click();
    const button = row.getByRole('button', { name: 'Download' });
    if (
      await button.waitFor({ timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      return button;
    if (Date.now() > deadline) throw new Error(`no download: ${await row.textContent()}`);
  }
}

async function main(): Promise<void> {
  const gomeet = await startGoMeet({
    host: '192.0.2.1',
    logLevel: false,
    env: {
      LIVEKIT_API_KEY: 'netnskey',
      LIVEKIT_API_SECRET: 'netns-secret-of-at-least-thirty-two-chars',
    },
  });
  const base = gomeet.url;
  // Camera and microphone need a secure origin; this one is a test address, not localhost.
  const browser = await launchChromium({
    args: [`--unsafely-treat-insecure-origin-as-secure=${base}`],
  });
  const downloads = await mkdtemp(path.join(tmpdir(), 'gomeet-downloads-'));
  try {
    if (!gomeet.recording.on) throw new Error(`recording is off: ${gomeet.recording.reason}`);
    const host = await registerUser(base, 'Hana Host');
    const m = await createMeeting(base, host, { title: 'Recorded', settings: { lobby: false } });
    const h = await quietPage(browser, host);
    await enterRoom(h, base, m.code);
    const guest = await quietPage(browser);
    await enterRoom(guest, base, m.code, 'Gus Guest');
    const beforeStart = await banner(guest).count();

    await h.getByTestId('record-toggle').click();
    await banner(guest).waitFor({ timeout: 30_000 });
    const guestBanner = {
      text: (await banner(guest).textContent())?.trim(),
      role: await banner(guest).getAttribute('role'),
    };
    await screenshot(guest, SHOTS, '01-guest-sees-banner');
    await new Promise((r) => setTimeout(r, 5_000));
    await h.getByTestId('record-toggle').click();
    await banner(guest).waitFor({ state: 'detached', timeout: 30_000 });

    const button = await waitForDownload(h, base, m.code);
    await screenshot(h, SHOTS, '02-host-recordings');
    const [download] = await Promise.all([h.waitForEvent('download'), button.click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    console.log(
      JSON.stringify({
        beforeStart,
        guestBanner,
        download: { name: download.suggestedFilename(), bytes: (await stat(file)).size },
      }),
    );
  } finally {
    await browser.close().catch(() => undefined);
    await gomeet.close();
    await rm(downloads, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.log(JSON.stringify({ error: String((error as Error).stack ?? error) }));
    process.exit(1);
  },
);
