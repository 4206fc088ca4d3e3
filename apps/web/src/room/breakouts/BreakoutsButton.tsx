import { DoorOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ControlButton } from '../ControlButton';
import type { Panel } from '../panels/RoomToolbar';

interface BreakoutsButtonProps {
  panel: Panel;
  onPanel: (p: Panel) => void;
  /** Open help requests: the badge. */
  help: number;
}

/** Opens the breakout rooms panel (hosts and co-hosts). */
export function BreakoutsButton({ panel, onPanel, help }: BreakoutsButtonProps) {
  const { t } = useTranslation('breakouts');
  const open = panel === 'breakouts';
  return (
    <ControlButton
      icon={DoorOpen}
      label={help > 0 ? t('button.labelHelp', { count: help }) : t('button.label')}
      pressed={open}
      testId="breakouts-toggle"
      onClick={() => onPanel(open ? null : 'breakouts')}
    >
      {help > 0 && <span className="count-badge">{help}</span>}
    </ControlButton>
  );
}
