import { useMediaDeviceSelect, useRoomContext } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { Settings } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeviceSelect } from '../prejoin/DeviceSelect';
import { loadDeviceChoices, saveDeviceChoices, type DeviceChoices } from '../prejoin/device-prefs';
import { ControlButton } from '../room/ControlButton';
import { EffectControls } from './EffectControls';
import { backgroundEffect, describeEffectError, noiseSuppressionEffect } from './effects';
import { useDeviceFallback } from './use-device-fallback';
import { useTrackEffect } from './use-track-effect';
import { canPickSpeaker } from './speaker';

type DeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';
const PREF: Record<DeviceKind, 'videoDeviceId' | 'audioDeviceId' | 'audioOutputId'> = {
  videoinput: 'videoDeviceId',
  audioinput: 'audioDeviceId',
  audiooutput: 'audioOutputId',
};

/** One device picker that switches the room's device in place (no rejoin). */
function RoomDevice(props: { kind: DeviceKind; label: string; onPicked: (id: string) => void }) {
  const room = useRoomContext();
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({
    kind: props.kind,
    room,
  });
  return (
    <DeviceSelect
      label={props.label}
      devices={devices.filter((d) => d.deviceId)}
      value={activeDeviceId}
      onChange={(id) => {
        void setActiveMediaDevice(id).then(() => props.onPicked(id));
      }}
    />
  );
}

/**
 * The room's audio and video settings: devices switched during the call, noise suppression and
 * the background effect (kept on the published tracks), and a notice when a device in use
 * disappears and the default one takes over.
 */
export function MediaSettings({ onError }: { onError: (message: string) => void }) {
  const { t } = useTranslation('media');
  const room = useRoomContext();
  const [open, setOpen] = useState(false);
  const [prefs, setPrefs] = useState(loadDeviceChoices);
  const update = (patch: Partial<DeviceChoices>) =>
    setPrefs((p) => {
      const next = { ...p, ...patch };
      saveDeviceChoices(next);
      return next;
    });
  useTrackEffect(
    room,
    Track.Source.Microphone,
    noiseSuppressionEffect(prefs.noiseSuppression),
    (e) => onError(describeEffectError('noise', e)),
  );
  useTrackEffect(room, Track.Source.Camera, backgroundEffect(prefs.background), (e) =>
    onError(describeEffectError('background', e)),
  );
  const fallback = useDeviceFallback(room);
  // The speaker picked on the pre-join screen (the room connects with the default one); later
  // picks switch through RoomDevice.
  const [entrySpeaker] = useState(prefs.audioOutputId);
  useEffect(() => {
    if (entrySpeaker && canPickSpeaker()) {
      void room.switchActiveDevice('audiooutput', entrySpeaker).catch(() => false);
    }
  }, [room, entrySpeaker]);
  const device = (kind: DeviceKind, label: string) => (
    <RoomDevice kind={kind} label={label} onPicked={(id) => update({ [PREF[kind]]: id })} />
  );

  return (
    <>
      <ControlButton
        icon={Settings}
        label={t('settings.label')}
        expanded={open}
        controls="media-settings"
        testId="media-settings-button"
        onClick={() => setOpen((o) => !o)}
      />
      {open && (
        <div
          id="media-settings"
          className="media-settings card"
          role="group"
          aria-label={t('settings.label')}
        >
          {device('videoinput', t('settings.camera'))}
          {device('audioinput', t('settings.microphone'))}
          {canPickSpeaker() && device('audiooutput', t('settings.speaker'))}
          <EffectControls
            noiseSuppression={prefs.noiseSuppression}
            background={prefs.background}
            onChange={update}
          />
        </div>
      )}
      {fallback.notice && (
        <p className="notice device-notice" role="status" data-testid="device-notice">
          {fallback.notice}{' '}
          <button type="button" onClick={fallback.dismiss}>
            {t('settings.dismiss')}
          </button>
        </p>
      )}
    </>
  );
}
