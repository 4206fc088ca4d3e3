import { loadRnnoise, RnnoiseWorkletNode } from '@sapphi-red/web-noise-suppressor';
import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url';
import wasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise.wasm?url';
import simdUrl from '@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url';
import type { AudioProcessorOptions, Track, TrackProcessor } from 'livekit-client';
import { i18n } from '../i18n';

// RNNoise works on 10 ms frames at 48 kHz; the context resamples the microphone to that.
const SAMPLE_RATE = 48_000;
const START_TIMEOUT_MS = 2_000;

// One download of the WASM (the SIMD build where the browser has SIMD), shared by every graph.
let wasm: Promise<ArrayBuffer> | undefined;
const rnnoiseWasm = () => (wasm ??= loadRnnoise({ url: wasmUrl, simdUrl }));

interface Graph {
  output: MediaStreamTrack;
  close(): Promise<void>;
}

/**
 * microphone → RNNoise worklet → a new track. A context that cannot start (no user gesture yet)
 * would send silence, so that is an error and the caller keeps the plain microphone.
 */
async function buildGraph(input: MediaStreamTrack): Promise<Graph> {
  const ctx = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
  try {
    const [wasmBinary] = await Promise.all([rnnoiseWasm(), ctx.audioWorklet.addModule(workletUrl)]);
    const started = ctx.resume();
    const timeout = new Promise((resolve) => setTimeout(resolve, START_TIMEOUT_MS));
    await Promise.race([started, timeout]);
    if (ctx.state !== 'running')
      throw new Error(i18n.t('effects.audioEngineStuck', { ns: 'media' }));
    const source = ctx.createMediaStreamSource(new MediaStream([input]));
    const rnnoise = new RnnoiseWorkletNode(ctx, { wasmBinary, maxChannels: 1 });
    const sink = ctx.createMediaStreamDestination();
    source.connect(rnnoise).connect(sink);
    const output = sink.stream.getAudioTracks()[0];
    if (!output) throw new Error(i18n.t('effects.audioEngineNoTrack', { ns: 'media' }));
    return {
      output,
      close: async () => {
        source.disconnect();
        rnnoise.destroy();
        output.stop();
        await ctx.close();
      },
    };
  } catch (e) {
    await ctx.close();
    throw e;
  }
}

/**
 * A LiveKit audio processor that runs RNNoise (the @sapphi-red/web-noise-suppressor worklet) on
 * the microphone. Its worklet and WASM are built into our own assets and fetched on first use.
 */
export function createNoiseSuppressor(
  name: string,
): TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  let graph: Graph | undefined;
  const processor: TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> = {
    name,
    async init({ track }) {
      graph = await buildGraph(track);
      processor.processedTrack = graph.output;
    },
    async restart(options) {
      await processor.destroy();
      await processor.init(options);
    },
    async destroy() {
      const closing = graph;
      graph = undefined;
      processor.processedTrack = undefined;
      await closing?.close();
    },
  };
  return processor;
}
