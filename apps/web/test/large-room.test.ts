import type { Meeting, Session } from '@gomeet/protocol';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser, signedInContext } from './support/api';
import { writeFakeVideo } from './support/fake-video';
import { identityOf, sampleVideo, screenshot, tileVideo } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-large-room';
const tiles = (page: Page) => page.locator('[data-testid="participant-tile"]');

// Keeps every RTCPeerConnection the page makes, so the test can read what it downloads.
const KEEP_PEER_CONNECTIONS = `
  window.__pcs = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
`;

/** How many video streams are arriving (bytes received grew during the last second). */
async function incomingVideoStreams(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const bytes = async () => {
      const seen = new Map<string, number>();
      for (const pc of pcs) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach(
          (s: { type: string; kind?: string; id: string; bytesReceived?: number }) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video')
              seen.set(s.id, s.bytesReceived ?? 0);
          },
        );
      }
      return seen;
    };
    const before = await bytes();
    await new Promise((r) => setTimeout(r, 1500));
    const after = await bytes();
    return [...after].filter(([id, b]) => b > (before.get(id) ?? 0)).length;
  });
}

let stack: Stack;
let dir: string;
let host: Session;
let meeting: Meeting;
const contexts: BrowserContext[] = [];
let viewer: Page;

async function joinAsGuest(name: string, viewport = { width: 640, height: 480 }) {
  const context = await stack.browser.newContext({ viewport });
  contexts.push(context);
  await context.addInitScript({ content: KEEP_PEER_CONNECTIONS });
  const page = await context.newPage();
  await page.goto(new URL(`/m/${meeting.code}`, stack.url).href);
  await page.getByLabel('Your name').fill(name);
  await page.getByTestId('join-button').click();
  await page.getByTestId('room').waitFor();
  return page;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gomeet-web-'));
  const clip = path.join(dir, 'fake.y4m');
  await writeFakeVideo(clip);
  stack = await startStack({ args: [`--use-file-for-fake-video-capture=${clip}`] });
  host = await registerUser(stack.url, 'Viewer Vic');
  meeting = await createMeeting(stack.url, host, {
    title: 'All hands',
    settings: { lobby: false },
  });

  const context = await signedInContext(stack.browser, host, {
    viewport: { width: 1280, height: 720 },
  });
  contexts.push(context);
  viewer = await context.newPage();
  await viewer.goto(new URL(`/m/${meeting.code}`, stack.url).href);
  await viewer.getByTestId('join-button').click();
  await viewer.getByTestId('room').waitFor();
  for (let i = 1; i <= 5; i++) await joinAsGuest(`Guest ${i}`);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a larger room', () => {
  it('shows six playing tiles for six people', async () => {
    await expect.poll(() => tiles(viewer).count(), { timeout: 20_000 }).toBe(6);
    const remote = await viewer
      .locator('[data-testid="participant-tile"][data-local="false"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-identity') ?? ''));
    expect(new Set(remote).size).toBe(5);
    for (const id of remote) {
      await expect
        .poll(async () => (await sampleVideo(tileVideo(viewer, id), 800)).frames, {
          timeout: 20_000,
        })
        .toBeGreaterThan(2);
    }
    await screenshot(viewer, SHOTS, '01-six-tiles');
  });

  it('pages the grid at phone width and downloads only the page on screen', async () => {
    const phone = await joinAsGuest('Phone Pat', { width: 390, height: 844 });
    const me = await identityOf(phone);
    // Seven people, six to a page at phone width.
    await expect.poll(() => phone.getByTestId('page-indicator').textContent()).toBe('Page 1 of 2');
    expect(await tiles(phone).count()).toBe(6);
    await expect.poll(() => incomingVideoStreams(phone), { timeout: 20_000 }).toBe(5);
    await screenshot(phone, SHOTS, '02-phone-page-1');

    await phone.getByRole('button', { name: 'Next page of participants' }).click();
    expect(await tiles(phone).count()).toBe(1);
    const onPage2 = await tiles(phone).first().getAttribute('data-identity');
    expect(onPage2).not.toBe(me);
    await expect.poll(() => incomingVideoStreams(phone), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(async () => (await sampleVideo(tileVideo(phone, onPage2 ?? ''), 800)).frames, {
        timeout: 20_000,
      })
      .toBeGreaterThan(2);
    await screenshot(phone, SHOTS, '03-phone-page-2');
  });
});
