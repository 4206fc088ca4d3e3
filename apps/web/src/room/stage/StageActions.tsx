import { Maximize, Minimize, PictureInPicture2 } from 'lucide-react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ControlButton } from '../ControlButton';
import { useFullScreen } from './use-full-screen';
import { usePictureInPicture } from './use-picture-in-picture';

interface StageActionsProps {
  stage: RefObject<HTMLElement | null>;
  /** The remote participant speaking now (picture-in-picture shows them). */
  speaker: string | undefined;
}

/** Full screen and picture-in-picture for the stage, in its top corner. */
export function StageActions({ stage, speaker }: StageActionsProps) {
  const { t } = useTranslation('room');
  const fullScreen = useFullScreen(stage);
  const pip = usePictureInPicture(stage, speaker);
  return (
    <div className="stage-actions" role="group" aria-label={t('stage.actions')}>
      {pip.supported && (
        <ControlButton
          icon={PictureInPicture2}
          label={t('stage.pictureInPicture')}
          testId="pip-toggle"
          onClick={pip.toggle}
        />
      )}
      {fullScreen.supported && (
        <ControlButton
          icon={fullScreen.active ? Minimize : Maximize}
          label={fullScreen.active ? t('stage.leaveFullScreen') : t('stage.fullScreen')}
          pressed={fullScreen.active}
          shortcut="fullScreen"
          testId="full-screen-toggle"
          onClick={fullScreen.toggle}
        />
      )}
    </div>
  );
}
