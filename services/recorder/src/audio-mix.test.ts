import { describe, expect, it } from 'vitest';
import { createAudioMix } from './audio-mix.js';

const filled = (n: number, value: number) => new Int16Array(n).fill(value);

describe('audio mix', () => {
  it('gives silence until a track has 60 ms buffered, then plays it', () => {
    const mix = createAudioMix();
    const push = mix.addTrack('a');
    push(filled(960, 100)); // 20 ms
    expect(mix.mix(480).every((s) => s === 0)).toBe(true);
    push(filled(1920, 100)); // 60 ms in all
    expect(Array.from(new Set(mix.mix(480)))).toEqual([100]);
  });

  it('adds two speakers and clips the sum instead of wrapping round', () => {
    const mix = createAudioMix();
    mix.addTrack('a')(filled(2880, 20_000));
    mix.addTrack('b')(filled(2880, 20_000));
    expect(Array.from(new Set(mix.mix(960)))).toEqual([32767]);
    const quiet = createAudioMix();
    quiet.addTrack('a')(filled(2880, 300));
    quiet.addTrack('b')(filled(2880, -100));
    expect(Array.from(new Set(quiet.mix(960)))).toEqual([200]);
  });

  it('keeps at most one second per track when the clock pulls slower than a track sends', () => {
    const mix = createAudioMix();
    const push = mix.addTrack('a');
    for (let i = 0; i < 150; i++) push(filled(480, i)); // 1.5 s, 10 ms frames numbered 0..149
    // The oldest half second was dropped: the first sample now is from frame 50.
    expect(mix.mix(480)[0]).toBe(50);
  });

  it('forgets a removed track', () => {
    const mix = createAudioMix();
    mix.addTrack('a')(filled(4800, 500));
    mix.removeTrack('a');
    expect(mix.mix(480).every((s) => s === 0)).toBe(true);
  });
});
