import { useRoomContext, useTrackToggle } from '@livekit/components-react';
import type { TFunction } from 'i18next';
import { Track } from 'livekit-client';
import {
  Mic,
  MicOff,
  ScreenShare,
  ScreenShareOff,
  Video,
  VideoOff,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { describeMediaError } from '../prejoin/media-errors';
import { ControlButton } from './ControlButton';
import { ensureMicrophoneAllowed } from './microphone-permission';
import type { ShortcutName } from './shortcuts/shortcuts';

type Source = Track.Source.Microphone | Track.Source.Camera | Track.Source.ScreenShare;

interface SourceLook {
  /** Label and icon while on (the label says what a click does). */
  on: [RoomKey, LucideIcon];
  off: [RoomKey, LucideIcon];
  shortcut?: ShortcutName;
}

type RoomKey =
  | 'media.muteMicrophone'
  | 'media.unmuteMicrophone'
  | 'media.cameraOff'
  | 'media.cameraOn'
  | 'media.stopSharing'
  | 'media.share';

const LOOKS: Record<Source, SourceLook> = {
  [Track.Source.Microphone]: {
    on: ['media.muteMicrophone', Mic],
    off: ['media.unmuteMicrophone', MicOff],
    shortcut: 'microphone',
  },
  [Track.Source.Camera]: {
    on: ['media.cameraOff', Video],
    off: ['media.cameraOn', VideoOff],
    shortcut: 'camera',
  },
  [Track.Source.ScreenShare]: {
    on: ['media.stopSharing', ScreenShareOff],
    off: ['media.share', ScreenShare],
  },
};

interface MediaToggleProps {
  source: Source;
  onError: (message: string) => void;
}

function explain(source: Source, error: unknown, t: TFunction<'room'>): string | null {
  if (source === Track.Source.ScreenShare) {
    // Cancelling the browser's screen picker is a choice, not a failure.
    return error instanceof Error && error.name === 'NotAllowedError'
      ? null
      : t('media.shareFailed');
  }
  return describeMediaError(source === Track.Source.Camera ? 'camera' : 'microphone', error);
}

/** Mic, camera or screen share on and off, announcing its state (aria-pressed) and its action. */
export function MediaToggle({ source, onError }: MediaToggleProps) {
  const { t } = useTranslation('room');
  const report = (error: unknown) => {
    const message = explain(source, error, t);
    if (message) onError(message);
  };
  const room = useRoomContext();
  const { toggle, enabled, pending } = useTrackToggle({ source, onDeviceError: report });
  const onClick = async () => {
    if (source === Track.Source.Microphone && !enabled) {
      await ensureMicrophoneAllowed(room.localParticipant, room.name);
    }
    await toggle();
  };
  const look = LOOKS[source];
  const [labelKey, icon] = enabled ? look.on : look.off;
  // A screen share is something extra that is on; a microphone or camera that is off is the
  // state to notice.
  const screen = source === Track.Source.ScreenShare;
  return (
    <ControlButton
      icon={icon}
      label={t(labelKey)}
      pressed={enabled}
      tone={screen ? undefined : enabled ? 'quiet' : 'off'}
      shortcut={look.shortcut}
      disabled={pending}
      testId={`toggle-${source}`}
      onClick={() => void onClick().catch(report)}
    />
  );
}
