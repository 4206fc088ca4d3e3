import { VirtualBackgroundProcessor } from '@shiguredo/virtual-background';
import type { Track, TrackProcessor, VideoProcessorOptions } from 'livekit-client';
import { i18n } from '../i18n';
import type { BackgroundEffect } from '../prejoin/device-prefs';

/** Where vite.config.ts puts MediaPipe Selfie Segmentation's WASM, graph and models. */
export const SEGMENTATION_ASSETS = '/effects/segmentation/';
const BLUR_RADIUS = 15;

type ActiveEffect = Exclude<BackgroundEffect, 'none'>;

/** A soft evening gradient drawn once; no image to download. */
async function scenery(): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(1280, 720);
  const g = canvas.getContext('2d');
  if (!g) throw new Error(i18n.t('effects.noCanvas', { ns: 'media' }));
  const sky = g.createLinearGradient(0, 0, 0, 720);
  sky.addColorStop(0, '#1d3557');
  sky.addColorStop(0.6, '#457b9d');
  sky.addColorStop(1, '#a8dadc');
  g.fillStyle = sky;
  g.fillRect(0, 0, 1280, 720);
  return createImageBitmap(canvas);
}

export interface RunningBackground {
  track: MediaStreamTrack;
  stop: () => void;
}

/**
 * Runs MediaPipe Selfie Segmentation (through @shiguredo/virtual-background) on a camera track
 * and returns the processed track. Throws where the browser lacks what it needs (insertable
 * streams or requestVideoFrameCallback), so callers can keep the plain camera.
 */
export async function startBackground(
  input: MediaStreamTrack,
  effect: ActiveEffect,
): Promise<RunningBackground> {
  if (!VirtualBackgroundProcessor.isSupported()) {
    throw new Error(i18n.t('effects.unsupported', { ns: 'media' }));
  }
  const processor = new VirtualBackgroundProcessor(SEGMENTATION_ASSETS);
  const options =
    effect === 'blur' ? { blurRadius: BLUR_RADIUS } : { backgroundImage: await scenery() };
  const track = await processor.startProcessing(input as MediaStreamVideoTrack, options);
  return { track, stop: () => processor.stopProcessing() };
}

/** The same effect as a LiveKit processor for the published camera. */
export function createBackgroundProcessor(
  effect: ActiveEffect,
  name: string,
): TrackProcessor<Track.Kind.Video, VideoProcessorOptions> {
  let running: RunningBackground | undefined;
  const processor: TrackProcessor<Track.Kind.Video, VideoProcessorOptions> = {
    name,
    async init({ track }) {
      running = await startBackground(track, effect);
      processor.processedTrack = running.track;
    },
    async restart(options) {
      await processor.destroy();
      await processor.init(options);
    },
    async destroy() {
      running?.stop();
      running = undefined;
      processor.processedTrack = undefined;
    },
  };
  return processor;
}
