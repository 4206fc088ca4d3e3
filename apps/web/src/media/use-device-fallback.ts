import type { Room } from 'livekit-client';
import { useEffect, useState } from 'react';
import { i18n } from '../i18n';

const KINDS = ['audioinput', 'videoinput', 'audiooutput'] as const;
const NAMES = {
  audioinput: 'microphone',
  videoinput: 'camera',
  audiooutput: 'speaker',
} as const;

type DeviceName = (typeof NAMES)[keyof typeof NAMES];

/**
 * What happened, in the current language: `lost` and `next` are the devices' labels, empty when
 * the browser gave none (then the sentence says "your camera" or "the default one").
 */
function describeLoss(name: DeviceName, lost: string, next: MediaDeviceInfo | undefined): string {
  const ns = 'media';
  if (!next) {
    return lost
      ? i18n.t(`deviceLost.noneLeft.${name}`, { ns, device: lost })
      : i18n.t(`deviceLost.yours.${name}.noneLeft`, { ns });
  }
  if (next.label) {
    return lost
      ? i18n.t('deviceLost.switched', { ns, device: lost, next: next.label })
      : i18n.t(`deviceLost.yours.${name}.switched`, { ns, next: next.label });
  }
  return lost
    ? i18n.t('deviceLost.switchedToDefault', { ns, device: lost })
    : i18n.t(`deviceLost.yours.${name}.switchedToDefault`, { ns });
}

/**
 * Watches for a device in use disappearing (unplugged, or taken by the system) and moves that
 * kind to the default device, or the first one left. Returns a notice saying what happened.
 */
export function useDeviceFallback(room: Room) {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    let known: MediaDeviceInfo[] = [];
    let stopped = false;
    const list = () => media.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
    void list().then((devices) => (known = devices));

    const onChange = async () => {
      // Read what is active before LiveKit's own device handling reacts to the same event.
      const active = KINDS.map((kind) => [kind, room.getActiveDevice(kind)] as const);
      const devices = await list();
      const previous = known;
      known = devices;
      for (const [kind, id] of active) {
        const ofKind = devices.filter((d) => d.kind === kind);
        if (!id || id === 'default' || ofKind.some((d) => d.deviceId === id)) continue;
        const lost = previous.find((d) => d.deviceId === id)?.label ?? '';
        const next = ofKind.find((d) => d.deviceId === 'default') ?? ofKind[0];
        if (stopped) return;
        if (!next) {
          setNotice(describeLoss(NAMES[kind], lost, undefined));
          continue;
        }
        await room.switchActiveDevice(kind, next.deviceId).catch(() => false);
        setNotice(describeLoss(NAMES[kind], lost, next));
      }
    };
    const handler = () => void onChange();
    media.addEventListener('devicechange', handler);
    return () => {
      stopped = true;
      media.removeEventListener('devicechange', handler);
    };
  }, [room]);
  return { notice, dismiss: () => setNotice(null) };
}
