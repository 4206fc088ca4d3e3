/** What someone chose on the pre-join screen; remembered for their next meeting. */
export interface DeviceChoices {
  videoEnabled: boolean;
  audioEnabled: boolean;
  videoDeviceId: string | undefined;
  audioDeviceId: string | undefined;
}

const KEY = 'gomeet.devices';
const DEFAULTS: DeviceChoices = {
  videoEnabled: true,
  audioEnabled: true,
  videoDeviceId: undefined,
  audioDeviceId: undefined,
};

export function loadDeviceChoices(): DeviceChoices {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<DeviceChoices>;
    return {
      videoEnabled: typeof saved.videoEnabled === 'boolean' ? saved.videoEnabled : true,
      audioEnabled: typeof saved.audioEnabled === 'boolean' ? saved.audioEnabled : true,
      videoDeviceId: typeof saved.videoDeviceId === 'string' ? saved.videoDeviceId : undefined,
      audioDeviceId: typeof saved.audioDeviceId === 'string' ? saved.audioDeviceId : undefined,
    };
  } catch {
    return DEFAULTS;
  }
}

export function saveDeviceChoices(choices: DeviceChoices): void {
  localStorage.setItem(KEY, JSON.stringify(choices));
}
