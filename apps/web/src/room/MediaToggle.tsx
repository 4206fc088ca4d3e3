import { useRoomContext, useTrackToggle } from '@livekit/components-react';
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
import { describeMediaError } from '../prejoin/media-errors';
import { ControlButton } from './ControlButton';
import { ensureMicrophoneAllowed } from './microphone-permission';
import type { ShortcutName } from './shortcuts/shortcuts';

type Source = Track.Source.Microphone | Track.Source.Camera | Track.Source.ScreenShare;

interface SourceLook {
  /** Label and icon while on (the label says what a click does). */
  on: [string, LucideIcon];
  off: [string, LucideIcon];
  shortcut?: ShortcutName;
}

const LOOKS: Record<Source, SourceLook> = {
  [Track.Source.Microphone]: {
    on: ['Mute microphone', Mic],
    off: ['Unmute microphone', MicOff],
    shortcut: 'microphone',
  },
  [Track.Source.Camera]: {
    on: ['Turn camera off', Video],
    off: ['Turn camera on', VideoOff],
    shortcut: 'camera',
  },
  [Track.Source.ScreenShare]: {
    on: ['Stop sharing your screen', ScreenShareOff],
    off: ['Share your screen', ScreenShare],
  },
};

interface MediaToggleProps {
  source: Source;
  onError: (message: string) => void;
}

function explain(source: Source, error: unknown): string | null {
  if (source === Track.Source.ScreenShare) {
    // Cancelling the browser's screen picker is a choice, not a failure.
    return error instanceof Error && error.name === 'NotAllowedError'
      ? null
      : 'Your screen could not be shared.';
  }
  return describeMediaError(source === Track.Source.Camera ? 'camera' : 'microphone', error);
}

/** Mic, camera or screen share on and off, announcing its state (aria-pressed) and its action. */
export function MediaToggle({ source, onError }: MediaToggleProps) {
  const report = (error: unknown) => {
    const message = explain(source, error);
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
  const [label, icon] = enabled ? look.on : look.off;
  // A screen share is something extra that is on; a microphone or camera that is off is the
  // state to notice.
  const screen = source === Track.Source.ScreenShare;
  return (
    <ControlButton
      icon={icon}
      label={label}
      pressed={enabled}
      tone={screen ? undefined : enabled ? 'quiet' : 'off'}
      shortcut={look.shortcut}
      disabled={pending}
      testId={`toggle-${source}`}
      onClick={() => void onClick().catch(report)}
    />
  );
}
