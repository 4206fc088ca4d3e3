import { useRoomContext } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { Info, Keyboard, LayoutGrid, PhoneOff, PhoneOutgoing, Presentation } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaSettings } from '../media/MediaSettings';
import { ControlButton } from './ControlButton';
import { MediaToggle } from './MediaToggle';
import type { Layout } from './RoomStage';
import { useShortcutHelp } from './shortcuts/ShortcutHelp';

interface RoomControlsProps {
  layout: Layout;
  onLayout: (layout: Layout) => void;
  canShareScreen: boolean;
  canEnd: boolean;
  infoOpen: boolean;
  onInfo: () => void;
  onMediaError: (message: string) => void;
  onEnd: () => void;
  /** More controls (hand, reactions, people, chat), placed between the media and the meeting group. */
  children?: ReactNode;
}

// Phones and tablets have no getDisplayMedia: no button that can only fail.
const canCaptureScreen = () => typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/**
 * The bar under the stage, in three groups: my media (microphone, camera, screen), the meeting
 * (hand, reactions, people, chat, layout: `children` and the layout toggle), and the way out
 * (details, shortcuts, leave, end). Each button is an icon with a tooltip and an accessible name.
 */
export function RoomControls(props: RoomControlsProps) {
  const { t } = useTranslation('room');
  const room = useRoomContext();
  const help = useShortcutHelp();
  const next: Layout = props.layout === 'grid' ? 'speaker' : 'grid';
  return (
    <nav className="controls" aria-label={t('controls.bar')}>
      <div className="control-group" role="group" aria-label={t('controls.myMedia')}>
        <MediaToggle source={Track.Source.Microphone} onError={props.onMediaError} />
        <MediaToggle source={Track.Source.Camera} onError={props.onMediaError} />
        <MediaSettings onError={props.onMediaError} />
        {props.canShareScreen && canCaptureScreen() && (
          <MediaToggle source={Track.Source.ScreenShare} onError={props.onMediaError} />
        )}
      </div>
      <div className="control-group" role="group" aria-label={t('controls.meeting')}>
        {props.children}
        <ControlButton
          icon={props.layout === 'grid' ? Presentation : LayoutGrid}
          label={next === 'grid' ? t('controls.switchToGrid') : t('controls.switchToSpeaker')}
          testId="layout-toggle"
          onClick={() => props.onLayout(next)}
        />
      </div>
      <div className="control-group" role="group" aria-label={t('controls.detailsAndLeaving')}>
        <ControlButton
          icon={Info}
          label={t('controls.details')}
          expanded={props.infoOpen}
          controls="meeting-info"
          onClick={props.onInfo}
        />
        <ControlButton
          icon={Keyboard}
          label={t('controls.shortcuts')}
          className="keyboard-only"
          shortcut="help"
          onClick={help.open}
        />
        <ControlButton
          icon={PhoneOff}
          label={t('controls.leave')}
          tone="danger"
          shortcut="leave"
          testId="leave-button"
          onClick={() => void room.disconnect()}
        />
        {props.canEnd && (
          <ControlButton
            icon={PhoneOutgoing}
            label={t('controls.end')}
            tone="danger"
            testId="end-button"
            onClick={props.onEnd}
          >
            <span className="control-caption">{t('controls.endCaption')}</span>
          </ControlButton>
        )}
      </div>
      {help.element}
    </nav>
  );
}
