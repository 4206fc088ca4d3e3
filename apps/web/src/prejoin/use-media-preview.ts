import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceChoices } from './device-prefs';
import { describeMediaError, insecureMediaError, type MediaKind } from './media-errors';

/** Why a device did not open: kept as it came, described in the current language when shown. */
type DeviceFailure = { insecure: true } | { insecure: false; error: unknown };

const describeFailure = (kind: MediaKind, failure: DeviceFailure | undefined) =>
  failure &&
  (failure.insecure ? insecureMediaError(kind) : describeMediaError(kind, failure.error));

export interface MediaPreview {
  videoTrack: MediaStreamTrack | null;
  audioTrack: MediaStreamTrack | null;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
  errors: Partial<Record<MediaKind, string>>;
}

/** Opens one device for preview while it is enabled; closes it when turned off or unmounted. */
function useDeviceTrack(
  kind: MediaKind,
  enabled: boolean,
  deviceId: string | undefined,
  onOpened: () => void,
) {
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [error, setError] = useState<DeviceFailure | undefined>();
  useEffect(() => {
    if (!enabled) return;
    if (!navigator.mediaDevices?.getUserMedia) {
      setError({ insecure: true });
      return;
    }
    let cancelled = false;
    let opened: MediaStreamTrack | undefined;
    // "ideal", not "exact": a remembered device that is gone falls back to the default one.
    const constraints = deviceId ? { deviceId: { ideal: deviceId } } : true;
    navigator.mediaDevices
      .getUserMedia(kind === 'camera' ? { video: constraints } : { audio: constraints })
      .then((stream) => {
        opened = stream.getTracks()[0];
        if (cancelled) return opened?.stop();
        setTrack(opened ?? null);
        setError(undefined);
        onOpened();
      })
      .catch((e: unknown) => {
        if (!cancelled) setError({ insecure: false, error: e });
      });
    return () => {
      cancelled = true;
      opened?.stop();
      setTrack(null);
    };
  }, [kind, enabled, deviceId, onOpened]);
  return { track: enabled ? track : null, error: enabled ? error : undefined };
}

/** Camera and microphone preview for the pre-join screen, with the device lists. */
export function useMediaPreview(choices: DeviceChoices): MediaPreview {
  // Errors are described at render, so they follow a change of language.
  useTranslation('prejoin');
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  // Device labels are only readable once a permission was granted, so list again after opening.
  const listDevices = useCallback(() => {
    navigator.mediaDevices
      ?.enumerateDevices()
      .then(setDevices)
      .catch(() => setDevices([]));
  }, []);
  useEffect(() => {
    listDevices();
    navigator.mediaDevices?.addEventListener('devicechange', listDevices);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', listDevices);
  }, [listDevices]);

  const video = useDeviceTrack('camera', choices.videoEnabled, choices.videoDeviceId, listDevices);
  const audio = useDeviceTrack(
    'microphone',
    choices.audioEnabled,
    choices.audioDeviceId,
    listDevices,
  );
  const ofKind = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind && d.deviceId);
  return {
    videoTrack: video.track,
    audioTrack: audio.track,
    cameras: ofKind('videoinput'),
    microphones: ofKind('audioinput'),
    speakers: ofKind('audiooutput'),
    errors: {
      camera: describeFailure('camera', video.error),
      microphone: describeFailure('microphone', audio.error),
    },
  };
}
