import type { Page } from 'playwright-core';

/**
 * Listens to the <audio> element playing `identity`'s microphone through an AnalyserNode for
 * `ms` and returns the mean power between 2 and 8 kHz, where the test file (a 440 Hz tone under
 * white noise) has only noise: the noise the other participant actually receives.
 */
export function receivedNoise(page: Page, identity: string, ms = 2500): Promise<number> {
  return page.evaluate(
    async ({ identity, ms }) => {
      const el = document.querySelector<HTMLAudioElement>(
        `audio[data-identity="${identity}"][data-source="microphone"]`,
      );
      if (!(el?.srcObject instanceof MediaStream)) throw new Error(`no audio from ${identity}`);
      const ctx = new AudioContext({ sampleRate: 48_000 });
      await ctx.resume();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 4096;
      analyser.smoothingTimeConstant = 0;
      ctx.createMediaStreamSource(el.srcObject).connect(analyser);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const hz = ctx.sampleRate / analyser.fftSize;
      let noise = 0;
      let reads = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        analyser.getFloatFrequencyData(bins);
        bins.forEach((db, i) => {
          if (i * hz >= 2000 && i * hz <= 8000) noise += 10 ** (db / 10);
        });
        reads += 1;
      }
      await ctx.close();
      return noise / reads;
    },
    { identity, ms },
  );
}
