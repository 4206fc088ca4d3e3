import { DoorOpen } from 'lucide-react';
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
  const open = panel === 'breakouts';
  return (
    <ControlButton
      icon={DoorOpen}
      label={help > 0 ? `Breakout rooms, ${help} asking for help` : 'Breakout rooms'}
      pressed={open}
      testId="breakouts-toggle"
      onClick={() => onPanel(open ? null : 'breakouts')}
    >
      {help > 0 && <span className="count-badge">{help}</span>}
    </ControlButton>
  );
}
