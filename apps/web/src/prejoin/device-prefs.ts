/** A background effect for the camera: none, blurred, or replaced by a calm picture. */
export type BackgroundEffect = 'none' | 'blur' | 'scene';

/** What someone chose on the pre-join screen or in the room; remembered for their next meeting. */
export interface DeviceChoices {
  videoEnabled: boolean;
  audioEnabled: boolean;
  videoDeviceId: string | undefined;
  audioDeviceId: string | undefined;
  audioOutputId: string | undefined;
  /** RNNoise on the microphone, on top of the browser's own suppression. */
  noiseSuppression: boolean;
  background: BackgroundEffect;
}

const KEY = 'gomeet.devices';
const DEFAULTS: DeviceChoices = {
  videoEnabled: true,
  audioEnabled: true,
  videoDeviceId: undefined,
  audioDeviceId: undefined,
  audioOutputId: undefined,
  noiseSuppression: true,
  background: 'none',
};
const EFFECTS: readonly BackgroundEffect[] = ['none', 'blur', 'scene'];

const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
const id = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function loadDeviceChoices(): DeviceChoices {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<DeviceChoices>;
    return {
      videoEnabled: bool(saved.videoEnabled, DEFAULTS.videoEnabled),
      audioEnabled: bool(saved.audioEnabled, DEFAULTS.audioEnabled),
      videoDeviceId: id(saved.videoDeviceId),
      audioDeviceId: id(saved.audioDeviceId),
      audioOutputId: id(saved.audioOutputId),
      noiseSuppression: bool(saved.noiseSuppression, DEFAULTS.noiseSuppression),
      background: EFFECTS.find((e) => e === saved.background) ?? DEFAULTS.background,
    };
  } catch {
    return DEFAULTS;
  }
}

export function saveDeviceChoices(choices: DeviceChoices): void {
  localStorage.setItem(KEY, JSON.stringify(choices));
}
