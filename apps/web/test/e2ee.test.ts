import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from '@gomeet/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, signedInContext } from './support/api';
import { receivedTone } from './support/audio-spectrum';
import { writeFakeVideo } from './support/fake-video';
import { writeNoisyWav } from './support/noisy-wav';
import { identityOf, remoteAudio, sampleVideo, screenshot, tileVideo } from './support/page-checks';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-e2ee';
let dir: string;
let stack: Stack;
let host: Session;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gomeet-e2ee-'));
  const wav = path.join(dir, 'tone.wav');
  const y4m = path.join(dir, 'bar.y4m');
  await Promise.all([writeNoisyWav(wav), writeFakeVideo(y4m)]);
  // Small video and a known sound (440 Hz under noise) from every camera and microphone here.
  stack = await startStack({
    args: [`--use-file-for-fake-video-capture=${y4m}`, `--use-file-for-fake-audio-capture=${wav}`],
  });
  host = await registerUser(stack.url, 'Erin Host');
}, 180_000);
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Everything a browser context sends over HTTP and WebSockets: URLs, headers, bodies, frames. */
function recordTraffic(context: BrowserContext): string[] {
  const sent: string[] = [];
  context.on('request', (r) => {
    sent.push(r.url(), JSON.stringify(r.headers()), r.postData() ?? '');
  });
  context.on('page', (page) => watchSockets(page, sent));
  return sent;
}

function watchSockets(page: Page, sent: string[]) {
  page.on('websocket', (ws) => {
    sent.push(ws.url());
    ws.on('framesent', (f) =>
      sent.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('latin1')),
    );
  });
}

async function newPage(context: BrowserContext): Promise<Page> {
  // The E2EE worker must load under the Content-Security-Policy: every violation is kept.
  await context.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
    // Noise suppression off: the tone goes out as it is.
    localStorage.setItem('gomeet.devices', JSON.stringify({ noiseSuppression: false }));
  });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return page;
}

async function expectPlaying(page: Page, identity: string) {
  const video = tileVideo(page, identity);
  await expect
    .poll(
      async () => (await video.count()) > 0 && (await sampleVideo(video.first(), 500)).width > 0,
      { timeout: 30_000 },
    )
    .toBe(true);
  // The fake camera runs at 10 frames a second; a loaded machine shows fewer.
  const sample = await sampleVideo(video.first(), 2000);
  expect(sample.frames).toBeGreaterThan(2);
  expect(sample.advanced).toBeGreaterThan(0);
}

async function joinFromPrejoin(page: Page, name?: string) {
  if (name) await page.getByLabel('Your name').fill(name);
  await page.getByTestId('join-button').click();
  await page.locator('[data-testid="room"][data-phase="connected"]').waitFor({ timeout: 30_000 });
}

describe('end-to-end encrypted meetings', () => {
  it('lets two people with the key see and hear each other; a wrong key gets nothing decodable and a clear message; the key is never sent; recording is refused', async () => {
    const { browser, url } = stack;
    const viewport = { width: 1100, height: 720 };
    const hostContext = await signedInContext(browser, host, { viewport });
    const guestContext = await browser.newContext({ viewport });
    const strangerContext = await browser.newContext({ viewport });
    const traffic = [hostContext, guestContext, strangerContext].map(recordTraffic);

    // The host schedules an encrypted meeting: the invite link carries a key made in the browser.
    const a = await newPage(hostContext);
    await a.goto(url);
    await a.getByRole('button', { name: 'Schedule a meeting' }).click();
    await a.getByLabel('Title').fill('Private review');
    await a.getByLabel('Lobby: the host admits people').uncheck();
    await a.getByLabel(/End-to-end encryption/).check();
    await a.getByRole('button', { name: 'Schedule', exact: true }).click();
    const invite = (await a.getByTestId('invite-link').textContent({ timeout: 10_000 })) ?? '';
    expect(invite).toMatch(/\/m\/[a-z]{3}-[a-z]{4}-[a-z]{3}#key=[A-Za-z0-9_-]{43}$/);
    const key = invite.split('#key=')[1] ?? '';
    const code = /\/m\/([a-z-]+)#/.exec(invite)?.[1] ?? '';
    await expect
      .poll(() => a.getByTestId('meeting-row').filter({ hasText: 'end-to-end encrypted' }).count())
      .toBe(1);
    await screenshot(a, SHOTS, '01-scheduled-with-key');

    // Pasted into another account's "join by code or link" box, the link brings its key along.
    const other = await registerUser(url, 'Dee Member');
    const dContext = await signedInContext(browser, other, { viewport });
    traffic.push(recordTraffic(dContext));
    const d = await newPage(dContext);
    await d.goto(url);
    await d.getByLabel('Meeting code or link').fill(invite);
    await d.getByRole('button', { name: 'Join', exact: true }).click();
    await d.getByTestId('e2ee-notice').waitFor({ timeout: 15_000 });
    expect(await d.getByTestId('key-prompt').count()).toBe(0);
    expect(d.url()).toBe(new URL(`/m/${code}`, url).href);
    await dContext.close();

    // The pre-join says what encryption turns off; the host's own browser has the key.
    await a.getByTestId('start-created').click();
    await expect.poll(() => a.getByTestId('e2ee-notice').textContent()).toContain('recording');
    await screenshot(a, SHOTS, '02-host-prejoin');
    await joinFromPrejoin(a);
    const aId = await identityOf(a);

    // The guest opens the link: the fragment leaves the address, a reload still has the key.
    const b = await newPage(guestContext);
    await b.goto(new URL(new URL(invite).pathname + new URL(invite).hash, url).href);
    await b.getByTestId('prejoin').waitFor();
    expect(b.url()).not.toContain('#');
    expect(b.url()).not.toContain(key);
    await b.reload();
    await b.getByTestId('e2ee-notice').waitFor();
    expect(await b.getByTestId('key-prompt').count()).toBe(0);
    await joinFromPrejoin(b, 'Bo Guest');
    const bId = await identityOf(b);

    await expectPlaying(a, bId);
    await expectPlaying(b, aId);
    await expect
      .poll(() => remoteAudio(b, aId), { timeout: 15_000 })
      .toEqual([{ live: true, paused: false }]);
    const heard = await receivedTone(b, aId);
    expect(heard).toBeGreaterThan(0);
    await screenshot(b, SHOTS, '03-guest-sees-host');

    // The host's Record is off, with the reason; the API refuses to record as well.
    const record = a.getByTestId('record-toggle');
    expect(await record.isDisabled()).toBe(true);
    expect(await record.getAttribute('aria-label')).toMatch(/end-to-end encrypted/);
    const refused = await fetch(new URL(`/api/meetings/${code}/recordings`, url), {
      method: 'POST',
      headers: { authorization: `Bearer ${host.accessToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { type: string }).type).toMatch(/meeting-encrypted$/);
    await a.getByRole('button', { name: 'Meeting details' }).click();
    await expect.poll(() => a.locator('#meeting-info [data-testid="e2ee-notice"]').count()).toBe(1);
    expect(await a.getByTestId('room-invite-link').textContent()).toBe(invite);
    await screenshot(a, SHOTS, '04-host-room-info');

    // Someone without the key is asked for it (a guest learns the meeting is encrypted on
    // pressing Join); a wrong key gets them in, but nothing decodes.
    const c = await newPage(strangerContext);
    await c.goto(new URL(`/m/${code}`, url).href);
    await c.getByLabel('Your name').fill('Cy Stranger');
    await c.getByTestId('join-button').click();
    const prompt = c.getByTestId('key-prompt');
    await expect.poll(() => prompt.count(), { timeout: 15_000 }).toBe(1);
    expect(await prompt.textContent()).toContain('end-to-end encrypted');
    await c.getByLabel('Invite link or key').fill('not a key');
    await c.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => prompt.textContent()).toContain('That is not a meeting key');
    await screenshot(c, SHOTS, '05-stranger-asked-for-key');
    const wrong = randomBytes(32).toString('base64url');
    await c.getByLabel('Invite link or key').fill(`${url}/m/${code}#key=${wrong}`);
    await c.getByRole('button', { name: 'Use this key' }).click();
    await joinFromPrejoin(c, 'Cy Stranger');
    const cId = await identityOf(c);

    const mismatch = c.getByTestId('e2ee-key-mismatch');
    await expect
      .poll(() => mismatch.textContent(), { timeout: 30_000 })
      .toContain('Your key does not match: you can’t see or hear others');
    expect(await mismatch.getAttribute('role')).toBe('alert');
    for (const id of [aId, bId]) {
      const video = tileVideo(c, id);
      await expect.poll(() => video.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await sampleVideo(video.first(), 3000)).toMatchObject({ width: 0, frames: 0 });
    }
    await expect
      .poll(() => remoteAudio(c, aId), { timeout: 15_000 })
      .toEqual([{ live: true, paused: false }]);
    expect(await receivedTone(c, aId)).toBeLessThan(heard / 1000);
    await screenshot(c, SHOTS, '06-wrong-key-told');

    // Those with the right key are told whose key differs, and still see each other.
    await expect
      .poll(() => a.getByTestId('e2ee-key-mismatch').textContent(), { timeout: 30_000 })
      .toContain('Cy Stranger: their key does not match yours');
    await expectPlaying(a, bId);
    await screenshot(a, SHOTS, '07-host-told-about-stranger');
    expect(cId).not.toBe(aId);

    for (const page of [a, b, c]) {
      const violations = await page.evaluate(
        () => (window as unknown as { violations: string[] }).violations,
      );
      expect(violations).toEqual([]);
    }
    // Not one request, header, body or socket frame of any of the three browsers held a key.
    for (const sent of traffic) {
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((s) => s.includes(key) || s.includes(wrong))).toEqual([]);
    }
  }, 240_000);
});
