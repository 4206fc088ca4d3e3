import { useRoomContext, useTrackToggle } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { describeMediaError } from '../prejoin/media-errors';
import { ensureMicrophoneAllowed } from './microphone-permission';

type Source = Track.Source.Microphone | Track.Source.Camera | Track.Source.ScreenShare;

const LABELS: Record<Source, [on: string, off: string, text: string]> = {
  [Track.Source.Microphone]: ['Mute microphone', 'Unmute microphone', 'Mic'],
  [Track.Source.Camera]: ['Turn camera off', 'Turn camera on', 'Camera'],
  [Track.Source.ScreenShare]: ['Stop sharing your screen', 'Share your screen', 'Share'],
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
  const [onLabel, offLabel, text] = LABELS[source];
  return (
    <button
      type="button"
      className={enabled ? 'control on' : 'control off'}
      aria-pressed={enabled}
      aria-label={enabled ? onLabel : offLabel}
      disabled={pending}
      data-testid={`toggle-${source}`}
      onClick={() => void onClick().catch(report)}
    >
      {text} {enabled ? 'on' : 'off'}
    </button>
  );
}
