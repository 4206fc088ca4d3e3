import { i18n } from '../i18n';
import type { BackgroundEffect } from '../prejoin/device-prefs';
import type { TrackEffect } from './use-track-effect';

// The effects' code, WASM and models load on first use, never with the room.

/** RNNoise on the microphone, or null when turned off. */
export function noiseSuppressionEffect(on: boolean): TrackEffect | null {
  if (!on) return null;
  const name = 'rnnoise';
  return {
    name,
    load: async () => (await import('./noise-suppression')).createNoiseSuppressor(name),
  };
}

/** A background effect for the camera, or null for none. */
export function backgroundEffect(effect: BackgroundEffect): TrackEffect | null {
  if (effect === 'none') return null;
  const name = `background-${effect}`;
  return {
    name,
    load: async () => (await import('./background-effect')).createBackgroundProcessor(effect, name),
  };
}

/** Says what went wrong with an effect, and that the plain device is still in use. */
export function describeEffectError(kind: 'noise' | 'background', error: unknown): string {
  const reason = error instanceof Error && error.message ? error.message : null;
  if (reason === null) return i18n.t(`effects.${kind}Failed`, { ns: 'media' });
  return i18n.t(`effects.${kind}FailedWithReason`, { ns: 'media', reason });
}
