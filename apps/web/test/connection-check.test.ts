import { createServer } from 'node:net';
import { startGoMeet, type RunningGoMeet } from '@gomeet/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { launchChromium } from './support/chromium';
import { haveCoturn, startGoMeetWithCoturn } from './support/coturn';
import { screenshot } from './support/page-checks';
import { ensureWebBuild } from './support/web-build';

const SHOTS = 'web-connection-check';
const coturn = haveCoturn('the connection check test');

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let withTurn: RunningGoMeet;
let turnDown: RunningGoMeet;
let browser: Browser;

beforeAll(async () => {
  if (!coturn) return;
  await ensureWebBuild();
  const port = await closedPort();
  [withTurn, turnDown] = await Promise.all([
    startGoMeetWithCoturn(),
    startGoMeet({
      logLevel: false,
      env: {
        TURN_URLS: `turn:127.0.0.1:${port}?transport=udp,turn:127.0.0.1:${port}?transport=tcp`,
      },
    }),
  ]);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await Promise.all([withTurn?.close(), turnDown?.close()]);
});

/**
 * A guest's pre-join page for a fresh meeting on `server`, once the check has a verdict;
 * `prepare` runs before the page opens.
 */
async function prejoinOn(
  server: RunningGoMeet,
  prepare?: (page: Page) => Promise<unknown>,
): Promise<Page> {
  const host = await registerUser(server.url, 'Network Nora');
  const m = await createMeeting(server.url, host, { title: 'Net', settings: { lobby: false } });
  const page = await (await browser.newContext()).newPage();
  await prepare?.(page);
  await page.goto(new URL(`/m/${m.code}`, server.url).href);
  const verdict = page.getByTestId('connection-verdict');
  await expect
    .poll(() => verdict.getAttribute('data-state'), { timeout: 30_000 })
    .not.toBe('checking');
  return page;
}

const lineState = (page: Page, id: string) =>
  page.getByTestId(`connection-${id}`).getAttribute('data-state');

describe.skipIf(!coturn)('the pre-join connection check', () => {
  it('says the connection is ready when LiveKit and the embedded coturn answer over UDP and TCP', async () => {
    const page = await prejoinOn(withTurn);
    const verdict = page.getByTestId('connection-verdict');
    expect(await verdict.textContent()).toBe('Your connection is ready.');
    expect(await verdict.getAttribute('data-state')).toBe('done');
    for (const id of ['signalling', 'media', 'udp', 'tcp', 'turn'])
      expect(await lineState(page, id)).toBe('ok');
    // The test connection reached LiveKit's own media port, over UDP on loopback.
    expect(await page.getByTestId('connection-media').textContent()).toContain(
      'Audio and video: Connected to 127.0.0.1 over UDP',
    );
    await screenshot(page, SHOTS, '01-ready');
    await page.context().close();
  });

  it('names the TURN relay, and what to allow, when TURN cannot be reached (media still connects directly)', async () => {
    const page = await prejoinOn(turnDown);
    const verdict = page.getByTestId('connection-verdict');
    expect(await verdict.getAttribute('data-state')).toBe('done');
    expect(await verdict.textContent()).toMatch(
      /^Your connection is ready, but the TURN relay \(127\.0\.0\.1:\d+\) cannot be reached\.$/,
    );
    expect(await page.getByTestId('connection-check').textContent()).toMatch(
      /ask your admin to allow UDP and TCP to 127\.0\.0\.1:\d+/,
    );
    expect(await lineState(page, 'signalling')).toBe('ok');
    expect(await lineState(page, 'media')).toBe('ok');
    expect(await lineState(page, 'turn')).toBe('blocked');
    await screenshot(page, SHOTS, '02-turn-blocked');
    await page.context().close();
  });

  it('says calls will not connect when a network lets no media through to LiveKit, and that the relay saves them when it answers', async () => {
    // A network that blocks every direct media path, as a strict firewall does: this browser's
    // peer connections may only use relays (the media probe has none; the TURN probe has ours).
    const relayOnly = (p: Page) =>
      p.addInitScript(() => {
        const Native = window.RTCPeerConnection;
        const relay = (c?: RTCConfiguration): RTCConfiguration => ({
          ...c,
          iceTransportPolicy: 'relay',
        });
        class RelayOnly extends Native {
          constructor(config?: RTCConfiguration) {
            super(relay(config));
          }
          override setConfiguration(config?: RTCConfiguration) {
            super.setConfiguration(relay(config));
          }
        }
        window.RTCPeerConnection = RelayOnly;
      });
    const blocked = await prejoinOn(turnDown, relayOnly);
    const host = new URL(turnDown.livekitUrl).hostname;
    expect(await blocked.getByTestId('connection-verdict').getAttribute('data-state')).toBe(
      'blocked',
    );
    expect(await blocked.getByTestId('connection-verdict').textContent()).toBe(
      `Calls will not connect: your network blocks audio and video to the media server (${host}).`,
    );
    expect(await blocked.getByTestId('connection-check').textContent()).toContain(
      `ask your admin to allow UDP and TCP to ${host}'s media ports`,
    );
    expect(await lineState(blocked, 'signalling')).toBe('ok');
    expect(await lineState(blocked, 'media')).toBe('blocked');
    expect(await lineState(blocked, 'udp')).toBe('blocked');
    expect(await lineState(blocked, 'tcp')).toBe('blocked');
    await screenshot(blocked, SHOTS, '04-media-blocked');
    await blocked.context().close();

    const relayed = await prejoinOn(withTurn, relayOnly);
    expect(await relayed.getByTestId('connection-verdict').textContent()).toBe(
      'Your connection is ready, through the TURN relay.',
    );
    expect(await lineState(relayed, 'media')).toBe('blocked');
    expect(await lineState(relayed, 'turn')).toBe('ok');
    await relayed.context().close();
  });

  it('names the media server when its signalling port refuses connections (Playwright refuses them)', async () => {
    const page = await prejoinOn(withTurn, (p) =>
      p.route('**/rtc/validate', (route) => route.abort('connectionrefused')),
    );
    const host = new URL(withTurn.livekitUrl).host;
    expect(await page.getByTestId('connection-verdict').textContent()).toBe(
      `Calls will not connect: your network blocks the media server (${host}).`,
    );
    expect(await lineState(page, 'signalling')).toBe('blocked');
    expect(await lineState(page, 'turn')).toBe('ok');
    await page.context().close();
  });
});
