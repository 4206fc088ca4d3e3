import type { Room } from 'livekit-client';
import { useEffect, useState } from 'react';

const KINDS = ['audioinput', 'videoinput', 'audiooutput'] as const;
const NAMES: Record<(typeof KINDS)[number], string> = {
  audioinput: 'microphone',
  videoinput: 'camera',
  audiooutput: 'speaker',
};

const labelOf = (d: MediaDeviceInfo | undefined, fallback: string) => d?.label || fallback;

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
        const lost = labelOf(
          previous.find((d) => d.deviceId === id),
          `Your ${NAMES[kind]}`,
        );
        const next = ofKind.find((d) => d.deviceId === 'default') ?? ofKind[0];
        if (stopped) return;
        if (!next) {
          setNotice(`${lost} was disconnected, and no other ${NAMES[kind]} is left.`);
          continue;
        }
        await room.switchActiveDevice(kind, next.deviceId).catch(() => false);
        setNotice(`${lost} was disconnected. Now using ${labelOf(next, 'the default one')}.`);
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
