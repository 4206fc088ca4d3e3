import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from '@gomeet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, registerUser } from './support/api';
import { receivedNoise } from './support/audio-spectrum';
import { writeNoisyWav } from './support/noisy-wav';
import { identityOf, remoteAudio, screenshot } from './support/page-checks';
import { enterRoom, quietPage } from './support/realtime';
import { logRequests, outsideRequests } from './support/request-log';
import { startStack, type Stack } from './support/stack';

const SHOTS = 'web-noise-suppression';
let dir: string;
let stack: Stack;
let host: Session;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gomeet-noise-'));
  const wav = path.join(dir, 'tone-and-noise.wav');
  await writeNoisyWav(wav);
  // Every microphone in this browser plays the file: a 440 Hz tone under white noise.
  stack = await startStack({ args: [`--use-file-for-fake-audio-capture=${wav}`] });
  host = await registerUser(stack.url, 'Noisy Nora');
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('noise suppression (RNNoise in an AudioWorklet)', () => {
  it('is on by default, and the other participant receives far less noise with it on', async () => {
    const m = await createMeeting(stack.url, host, { title: 'Noisy', settings: { lobby: false } });
    const speaker = await quietPage(stack.browser, host);
    const requests = logRequests(speaker.context());
    await speaker.goto(new URL(`/m/${m.code}`, stack.url).href);
    const toggle = speaker.getByTestId('noise-suppression');
    await expect.poll(() => toggle.isChecked()).toBe(true);
    // Lazy: nothing of RNNoise is fetched before it is used.
    expect(requests.filter((u) => /rnnoise/i.test(u))).toEqual([]);
    await toggle.uncheck();
    await enterRoom(speaker, stack.url, m.code);

    const listener = await quietPage(stack.browser);
    await enterRoom(listener, stack.url, m.code, 'Lena Listener');
    const speakerId = await identityOf(speaker);
    await expect
      .poll(() => remoteAudio(listener, speakerId), { timeout: 15_000 })
      .toEqual([{ live: true, paused: false }]);
    const plain = await receivedNoise(listener, speakerId);
    expect(plain).toBeGreaterThan(0);
    let last = plain;
    const relative = async () => {
      last = await receivedNoise(listener, speakerId);
      return last / plain;
    };

    // Turned on in the room: the published microphone gets the processor, no rejoin.
    await speaker.getByTestId('media-settings-button').click();
    await speaker.getByTestId('noise-suppression').check();
    await expect.poll(relative, { timeout: 30_000, interval: 500 }).toBeLessThan(0.1);
    console.log(
      `noise received (2-8 kHz), suppression on vs off: ${(10 * Math.log10(last / plain)).toFixed(1)} dB`,
    );
    // What is left is quieter noise, not a dead microphone.
    expect(last).toBeGreaterThan(0);
    await screenshot(speaker, SHOTS, '01-settings-noise-on');

    // Its worklet and WASM came from our own origin, and nothing from anywhere else.
    const origin = new URL(stack.url).origin;
    expect(requests.some((u) => u.startsWith(origin) && /rnnoise.*\.wasm$/.test(u))).toBe(true);
    expect(outsideRequests(requests)).toEqual([]);

    // Off again: the noise comes back.
    await speaker.getByTestId('noise-suppression').uncheck();
    await expect.poll(relative, { timeout: 30_000, interval: 500 }).toBeGreaterThan(0.5);
  }, 180_000);
});
