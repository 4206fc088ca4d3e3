import type { Page } from 'playwright-core';

/**
 * Listens to the <audio> element playing `identity`'s microphone through an AnalyserNode for
 * `ms` and returns the mean power between 2 and 8 kHz, where the test file (a 440 Hz tone under
 * white noise) has only noise: the noise the other participant actually receives.
 */
export function receivedNoise(page: Page, identity: string, ms = 2500): Promise<number> {
  return receivedBand(page, identity, { fromHz: 2000, toHz: 8000, ms });
}

/** The mean power around 440 Hz `identity`'s <audio> element plays: the test file's tone. */
export function receivedTone(page: Page, identity: string, ms = 2500): Promise<number> {
  return receivedBand(page, identity, { fromHz: 400, toHz: 480, ms });
}

/** The mean power between `fromHz` and `toHz` in `identity`'s microphone audio over `ms`. */
function receivedBand(
  page: Page,
  identity: string,
  band: { fromHz: number; toHz: number; ms: number },
): Promise<number> {
  return page.evaluate(
    async ({ identity, fromHz, toHz, ms }) => {
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
      let power = 0;
      let reads = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        analyser.getFloatFrequencyData(bins);
        bins.forEach((db, i) => {
          if (i * hz >= fromHz && i * hz <= toHz) power += 10 ** (db / 10);
        });
        reads += 1;
      }
      await ctx.close();
      return power / reads;
    },
    { identity, ...band },
  );
}
