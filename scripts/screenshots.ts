/**
 * Screenshots of GoMeet for docs/screenshots, made the way a person sees it: a real server
 * (embedded LiveKit), Debian's Chromium with fake cameras, three people in a call. Landing,
 * dashboard, pre-join and the room (grid, speaker, screen share, chat, participants), each at
 * desktop (1280×800) and phone (390×844) size. Run it after a visible change:
 *
 *   npx tsx scripts/screenshots.ts
 *
 * With ffmpeg on the PATH each PNG is reduced to a 256-colour palette (a third of the bytes).
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { createMeeting, registerUser, signedInContext } from '../apps/web/test/support/api.js';
import { startStack } from '../apps/web/test/support/stack.js';
import { repoRoot } from '../apps/web/test/support/web-build.js';

const OUT = path.join(repoRoot, 'docs/screenshots');
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;
type Size = keyof typeof SIZES;

async function shoot(page: Page, name: string, size: Size): Promise<void> {
  // Tooltips and caret blinks are not what the picture is about.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(OUT, `${name}-${size}.png`) });
  console.log(`  ${name}-${size}.png`);
}

/** What the check needs of a <video> (this file is type-checked without the DOM library). */
interface VideoState {
  readyState: number;
  videoWidth: number;
}

/** Waits until at least `count` tiles show video and every one has a frame. */
async function videosPlaying(page: Page, count: number): Promise<void> {
  const videos = page.locator('.tile video');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await videos.evaluateAll((els) =>
      els.map((v) => ({
        readyState: (v as unknown as VideoState).readyState,
        videoWidth: (v as unknown as VideoState).videoWidth,
      })),
    );
    if (states.length >= count && states.every((v) => v.readyState >= 2 && v.videoWidth > 0))
      return;
    if (Date.now() > deadline) throw new Error(`${states.length} of ${count} videos playing`);
    await page.waitForTimeout(250);
  }
}

async function enter(page: Page, url: string, code: string, name?: string): Promise<void> {
  await page.goto(new URL(`/m/${code}`, url).href);
  if (name) await page.getByLabel('Your name').fill(name);
  await page.getByTestId('join-button').click();
  await page.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 30_000 });
}

async function guestPage(browser: Browser, size: Size): Promise<Page> {
  return (await browser.newContext(SIZES[size])).newPage();
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const stack = await startStack();
  try {
    const { browser, url } = stack;
    const host = await registerUser(url, 'Ada Lovelace');
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    tomorrow.setUTCHours(9, 30, 0, 0);
    await createMeeting(url, host, {
      title: 'Weekly design review',
      startsAt: tomorrow.toISOString(),
      durationMinutes: 45,
    });
    const m = await createMeeting(url, host, {
      title: 'Launch stand-up',
      settings: { lobby: false },
    });

    console.log('before the call:');
    const hosts = {} as Record<Size, Page>;
    for (const size of Object.keys(SIZES) as Size[]) {
      const visitor = await guestPage(browser, size);
      await visitor.goto(url);
      await visitor.getByRole('tab', { name: 'Sign in' }).waitFor();
      await shoot(visitor, 'landing', size);
      await visitor.context().close();

      const page = await (await signedInContext(browser, host, SIZES[size])).newPage();
      await page.goto(url);
      await page.getByText('Signed in as Ada Lovelace').waitFor();
      await page.getByTestId('meeting-row').first().waitFor();
      await shoot(page, 'dashboard', size);
      await page.goto(new URL(`/m/${m.code}`, url).href);
      await page.getByTestId('preview-video').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(1000);
      await shoot(page, 'prejoin', size);
      hosts[size] = page;
    }

    // The desktop host, a phone participant and a third person who shares the screen.
    console.log('in the call:');
    const desktop = hosts.desktop;
    await hosts.phone.context().close();
    await enter(desktop, url, m.code);
    const phone = await guestPage(browser, 'phone');
    await enter(phone, url, m.code, 'Grace Hopper');
    const third = await guestPage(browser, 'desktop');
    await enter(third, url, m.code, 'Alan Turing');
    const viewers: [Page, Size][] = [
      [desktop, 'desktop'],
      [phone, 'phone'],
    ];
    for (const [page] of viewers) await videosPlaying(page, 3);
    for (const [page, size] of viewers) await shoot(page, 'room-grid', size);

    for (const [page, size] of viewers) {
      await page.getByRole('button', { name: 'Switch to speaker layout' }).click();
      await page.getByTestId('focus-view').waitFor();
      await videosPlaying(page, 3);
      await shoot(page, 'room-speaker', size);
      await page.getByRole('button', { name: 'Switch to grid layout' }).click();
    }

    for (const [sender, text] of [
      [third, 'Morning! The build is green again.'],
      [desktop, 'Great — let’s walk through the launch checklist.'],
      [phone, 'On my phone today, camera on.'],
    ] as const) {
      await sender.getByTestId('chat-toggle').click();
      await sender.getByTestId('chat-input').fill(text);
      await sender.getByTestId('chat-send').click();
      await sender.getByRole('button', { name: 'Close chat' }).click();
    }
    await third.getByRole('button', { name: 'Raise your hand' }).click();
    for (const [page, size] of viewers) {
      await page.getByTestId('chat-toggle').click();
      await page.getByTestId('chat-message').nth(2).waitFor();
      await shoot(page, 'room-chat', size);
      // On a phone the panel covers the bar: close one before opening the other.
      await page.getByRole('button', { name: 'Close chat' }).click();
      await page.getByTestId('people-toggle').click();
      await page.getByTestId('participant-row').nth(2).waitFor();
      await shoot(page, 'room-participants', size);
      await page.getByRole('button', { name: 'Close participants' }).click();
    }

    await third.getByRole('button', { name: 'Share your screen' }).click();
    for (const [page, size] of viewers) {
      await page.getByTestId('screen-share-tile').waitFor({ timeout: 20_000 });
      await videosPlaying(page, 3);
      await shoot(page, 'room-screen-share', size);
    }
  } finally {
    await stack.close();
  }
  await shrink();
}

/** Re-encodes each PNG with a 256-colour palette when ffmpeg is there; keeps the smaller. */
async function shrink(): Promise<void> {
  const run = promisify(execFile);
  if (
    !(await run('ffmpeg', ['-version']).then(
      () => true,
      () => false,
    ))
  )
    return;
  for (const file of (await readdir(OUT)).filter((f) => f.endsWith('.png'))) {
    const src = path.join(OUT, file);
    const tmp = `${src}.tmp.png`;
    await run('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-i',
      src,
      '-vf',
      'split[a][b];[a]palettegen=max_colors=256:stats_mode=full[p];[b][p]paletteuse=dither=sierra2_4a',
      tmp,
    ]);
    if ((await stat(tmp)).size < (await stat(src)).size) await rename(tmp, src);
    else await rm(tmp);
  }
}

await main();
