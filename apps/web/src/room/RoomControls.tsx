import { useRoomContext } from '@livekit/components-react';
import { Track } from 'livekit-client';
import type { ReactNode } from 'react';
import { MediaToggle } from './MediaToggle';
import type { Layout } from './RoomStage';

interface RoomControlsProps {
  layout: Layout;
  onLayout: (layout: Layout) => void;
  canShareScreen: boolean;
  canEnd: boolean;
  infoOpen: boolean;
  onInfo: () => void;
  onMediaError: (message: string) => void;
  onEnd: () => void;
  /** More controls (hand, reactions, people, chat), placed before Info. */
  children?: ReactNode;
}

/** The bar under the stage: media toggles, layout, info, leave and end. */
export function RoomControls(props: RoomControlsProps) {
  const room = useRoomContext();
  const next: Layout = props.layout === 'grid' ? 'speaker' : 'grid';
  return (
    <nav className="controls" aria-label="Meeting controls">
      <MediaToggle source={Track.Source.Microphone} onError={props.onMediaError} />
      <MediaToggle source={Track.Source.Camera} onError={props.onMediaError} />
      {props.canShareScreen && (
        <MediaToggle source={Track.Source.ScreenShare} onError={props.onMediaError} />
      )}
      <button
        type="button"
        className="control"
        aria-label={`Switch to ${next} layout`}
        data-testid="layout-toggle"
        onClick={() => props.onLayout(next)}
      >
        {props.layout === 'grid' ? 'Speaker view' : 'Grid view'}
      </button>
      {props.children}
      <button
        type="button"
        className="control"
        aria-expanded={props.infoOpen}
        aria-controls="meeting-info"
        aria-label="Meeting details"
        onClick={props.onInfo}
      >
        Info
      </button>
      <button
        type="button"
        className="control danger"
        aria-label="Leave the meeting"
        data-testid="leave-button"
        onClick={() => void room.disconnect()}
      >
        Leave
      </button>
      {props.canEnd && (
        <button
          type="button"
          className="control danger"
          aria-label="End the meeting for everyone"
          data-testid="end-button"
          onClick={props.onEnd}
        >
          End for everyone
        </button>
      )}
    </nav>
  );
}
