import type { RunningGoMeet } from '@gomeet/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser, signedInContext } from './support/api';
import { launchChromium } from './support/chromium';
import { haveCoturn, startGoMeetWithCoturn } from './support/coturn';
import { identityOf, sampleVideo, screenshot, tileVideo } from './support/page-checks';
import { ensureWebBuild } from './support/web-build';

const SHOTS = 'web-udp-blocked';
const coturn = haveCoturn('the UDP-blocked test');

let server: RunningGoMeet;
let browser: Browser;

beforeAll(async () => {
  if (!coturn) return;
  await ensureWebBuild();
  server = await startGoMeetWithCoturn();
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
});

/**
 * A network that lets no UDP through, as seen by this page's WebRTC: no UDP candidate of the
 * other side is ever tried (offers, answers and trickled candidates lose them) and no TURN server
 * is reached over UDP. Chromium's own switch for this (--force-webrtc-ip-handling-policy=
 * disable_non_proxied_udp) leaves loopback UDP alone, and this test runs on loopback only.
 * Every peer connection the page makes is also kept, for the test to read its selected path.
 */
const blockUdp = (page: Page) =>
  page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = all;
    const isUdpCandidate = (line: string) => /^(a=)?candidate:\S+ \d+ udp /i.test(line);
    const noUdpSdp = (sdp: string) =>
      sdp
        .split('\r\n')
        .filter((line) => !isUdpCandidate(line))
        .join('\r\n');
    // TURN over UDP: turn: URLs without ?transport=tcp (turns: is TLS over TCP).
    const overTcp = (url: string) => url.startsWith('turns:') || /[?&]transport=tcp\b/i.test(url);
    const noUdpServers = (config?: RTCConfiguration): RTCConfiguration => ({
      ...config,
      iceServers: (config?.iceServers ?? [])
        .map((s) => ({ ...s, urls: [s.urls].flat().filter(overTcp) }))
        .filter((s) => s.urls.length > 0),
    });
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(noUdpServers(config));
        all.push(this);
        // Nor does the other side learn this page's UDP candidates (it would check them and
        // find a way in over UDP): they are kept from the page's own icecandidate handlers.
        let handler: RTCPeerConnection['onicecandidate'] = null;
        Object.defineProperty(this, 'onicecandidate', {
          get: () => handler,
          set: (h: RTCPeerConnection['onicecandidate']) => (handler = h),
        });
        super.addEventListener('icecandidate', (e) => {
          if (!(e.candidate && isUdpCandidate(e.candidate.candidate))) handler?.call(this, e);
        });
        // …nor in the offers and answers it sends (a renegotiation's SDP lists every gathered one).
        type Make = (
          this: RTCPeerConnection,
          o?: RTCOfferOptions,
        ) => Promise<RTCSessionDescriptionInit>;
        const native = Native.prototype as unknown as Record<'createOffer' | 'createAnswer', Make>;
        for (const name of ['createOffer', 'createAnswer'] as const) {
          const make = native[name];
          Object.defineProperty(this, name, {
            value: async (options?: RTCOfferOptions) => {
              const d = await make.call(this, options);
              return { type: d.type, sdp: noUdpSdp(d.sdp ?? '') };
            },
          });
        }
      }
      override addEventListener(
        type: string,
        listener: EventListenerOrEventListenerObject,
        options?: boolean | AddEventListenerOptions,
      ): void {
        if (type !== 'icecandidate') return super.addEventListener(type, listener, options);
        const call = (e: Event) =>
          typeof listener === 'function' ? listener.call(this, e) : listener.handleEvent(e);
        const filtered = (e: Event) => {
          const c = (e as RTCPeerConnectionIceEvent).candidate;
          if (!(c && isUdpCandidate(c.candidate))) call(e);
        };
        super.addEventListener(type, filtered, options);
      }
      override setConfiguration(config?: RTCConfiguration) {
        super.setConfiguration(noUdpServers(config));
      }
      override get localDescription() {
        const d = super.localDescription;
        return d && new RTCSessionDescription({ type: d.type, sdp: noUdpSdp(d.sdp) });
      }
      override setRemoteDescription(description: RTCSessionDescriptionInit) {
        const sdp = description.sdp && noUdpSdp(description.sdp);
        return super.setRemoteDescription({ ...description, sdp });
      }
      override addIceCandidate(candidate?: RTCIceCandidateInit | null) {
        if (candidate?.candidate && isUdpCandidate(candidate.candidate)) return Promise.resolve();
        return super.addIceCandidate(candidate ?? undefined);
      }
    };
  });

/**
 * How each connected peer connection's selected path leaves this browser: the local candidate's
 * protocol, or for a relay candidate the protocol it speaks to the TURN server.
 */
const selectedTransports = (page: Page) =>
  page.evaluate(async () => {
    const all = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
    const transports: string[] = [];
    for (const pc of all) {
      if (pc.connectionState !== 'connected') continue;
      const stats = [...(await pc.getStats()).values()] as Record<string, unknown>[];
      const pair = stats.find(
        (s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded',
      );
      const local = stats.find((s) => s.id === pair?.localCandidateId);
      if (local) transports.push(String(local.relayProtocol ?? local.protocol));
    }
    return transports;
  });

describe.skipIf(!coturn)(
  'a network that blocks UDP (simulated in the page: UDP candidates and UDP TURN dropped)',
  () => {
    it('says so before joining, and the call still connects over TCP with video both ways', async () => {
      const owner = await registerUser(server.url, 'Udp Host');
      const m = await createMeeting(server.url, owner, {
        title: 'No UDP',
        settings: { lobby: false },
      });

      const host = await (await signedInContext(browser, owner)).newPage();
      await host.goto(new URL(`/m/${m.code}`, server.url).href);
      await host.getByTestId('join-button').click();
      await host
        .locator('[data-testid="room"][data-phase="connected"]')
        .waitFor({ timeout: 20_000 });
      const hostId = await identityOf(host);

      const guest = await (await browser.newContext()).newPage();
      await blockUdp(guest);
      await guest.goto(new URL(`/m/${m.code}`, server.url).href);
      // The pre-join check finds UDP blocked (LiveKit's UDP port and coturn's UDP listener alike)
      // and media reaching LiveKit over its TCP port.
      const verdict = guest.getByTestId('connection-verdict');
      await expect
        .poll(() => verdict.getAttribute('data-state'), { timeout: 30_000 })
        .not.toBe('checking');
      expect(await verdict.textContent()).toBe('Your connection is ready, over TCP.');
      expect(await guest.getByTestId('connection-check').textContent()).toContain(
        'UDP is blocked, so audio and video may lag',
      );
      expect(await guest.getByTestId('connection-udp').getAttribute('data-state')).toBe('blocked');
      expect(await guest.getByTestId('connection-tcp').getAttribute('data-state')).toBe('ok');
      expect(await guest.getByTestId('connection-turn').getAttribute('data-state')).toBe('ok');
      expect(await guest.getByTestId('connection-media').textContent()).toContain('over TCP');
      await screenshot(guest, SHOTS, '01-prejoin-tcp');

      await guest.getByLabel('Your name').fill('Tess Tcp');
      await guest.getByTestId('join-button').click();
      await guest
        .locator('[data-testid="room"][data-phase="connected"]')
        .waitFor({ timeout: 30_000 });
      const guestId = await identityOf(guest);

      // Each sees the other's camera moving.
      for (const [page, identity] of [
        [guest, hostId],
        [host, guestId],
      ] as const) {
        const video = tileVideo(page, identity);
        await expect
          .poll(
            async () =>
              (await video.count()) > 0 && (await sampleVideo(video.first(), 500)).width > 0,
            { timeout: 30_000 },
          )
          .toBe(true);
        expect((await sampleVideo(video.first(), 1000)).advanced).toBeGreaterThan(0);
      }
      // Every connected peer connection of the guest leaves it over TCP.
      const transports = await selectedTransports(guest);
      expect(transports.length).toBeGreaterThan(0);
      expect(new Set(transports)).toEqual(new Set(['tcp']));
      await screenshot(guest, SHOTS, '02-in-call-over-tcp');
    }, 120_000);
  },
);
