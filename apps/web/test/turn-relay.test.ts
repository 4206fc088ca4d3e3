import { readFile } from 'node:fs/promises';
import type { RunningGoMeet } from '@gomeet/server';
import type { Session } from '@gomeet/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { launchChromium } from './support/chromium';
import { haveCoturn, startGoMeetWithCoturn } from './support/coturn';
import { identityOf, remoteAudio, sampleVideo, screenshot, tileVideo } from './support/page-checks';
import { ensureWebBuild } from './support/web-build';

const SHOTS = 'web-turn-relay';
const coturn = haveCoturn('the TURN relay test');

let server: RunningGoMeet;
let browser: Browser;
let host: Session;

beforeAll(async () => {
  if (!coturn) return;
  await ensureWebBuild();
  server = await startGoMeetWithCoturn();
  browser = await launchChromium();
  host = await registerUser(server.url, 'Relay Host');
});
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
});

async function joinAsGuest(page: Page, code: string, name: string): Promise<string> {
  await page.goto(new URL(`/m/${code}`, server.url).href);
  await page.getByLabel('Your name').fill(name);
  await page.getByTestId('join-button').click();
  await page.getByTestId('room').waitFor({ timeout: 20_000 });
  return identityOf(page);
}

async function expectSeesAndHears(page: Page, identity: string): Promise<void> {
  const video = tileVideo(page, identity);
  await expect
    .poll(
      async () => (await video.count()) > 0 && (await sampleVideo(video.first(), 500)).width > 0,
      { timeout: 20_000 },
    )
    .toBe(true);
  expect((await sampleVideo(video.first(), 1000)).advanced).toBeGreaterThan(0);
  await expect
    .poll(() => remoteAudio(page, identity), { timeout: 15_000 })
    .toEqual([{ live: true, paused: false }]);
}

describe.skipIf(!coturn)('TURN in practice', () => {
  it('lets a participant whose media may only go through TURN see and hear the other', async () => {
    expect(server.media.turn?.urls).toEqual([
      expect.stringMatching(/^turn:127\.0\.0\.1:\d+\?transport=udp$/),
      expect.stringMatching(/^turn:127\.0\.0\.1:\d+\?transport=tcp$/),
    ]);
    const m = await createMeeting(server.url, host, { title: 'Relay', settings: { lobby: false } });
    const direct = await (await browser.newContext()).newPage();
    const relayed = await (await browser.newContext()).newPage();
    // The app's explicit, test-only switch: ICE may use relay candidates only.
    await relayed.addInitScript(() => {
      localStorage.setItem('gomeet.iceTransportPolicy', 'relay');
      // Keeps every peer connection the page makes, to read the policy of those the call uses.
      const Native = window.RTCPeerConnection;
      const all: RTCPeerConnection[] = [];
      (window as unknown as { peerConnections: typeof all }).peerConnections = all;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          all.push(this);
        }
      };
    });

    const directId = await joinAsGuest(direct, m.code, 'Dana Direct');
    const relayedId = await joinAsGuest(relayed, m.code, 'Rita Relay');
    await expectSeesAndHears(relayed, directId);
    await expectSeesAndHears(direct, relayedId);

    // The call's connections (the pre-join check's probes have closed by now) are relay-only.
    const policies = await relayed.evaluate(() =>
      (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections
        .filter((pc) => pc.connectionState === 'connected')
        .map((pc) => pc.getConfiguration().iceTransportPolicy),
    );
    expect(policies.length).toBeGreaterThan(0);
    expect(new Set(policies)).toEqual(new Set(['relay']));

    // coturn's log shows the relayed participant's allocation (TURN usernames are expiry:identity);
    // coturn writes its log in batches, so give it a moment.
    const user = `user <\\d+:${relayedId.replace(/[^\w:-]/g, '')}>`;
    const log = () => readFile(server.media.turn!.logFile, 'utf8');
    await expect
      .poll(log, { timeout: 10_000 })
      .toMatch(new RegExp(`${user}: incoming packet ALLOCATE processed, success`));
    expect(await log()).toMatch(
      new RegExp(`${user}: incoming packet CREATE_PERMISSION processed, success`),
    );
    await screenshot(relayed, SHOTS, '01-relayed-participant');
  }, 60_000);
});
