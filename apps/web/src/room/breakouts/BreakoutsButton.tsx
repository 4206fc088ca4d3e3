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
    <button
      type="button"
      className={open ? 'control on' : 'control'}
      aria-pressed={open}
      aria-label={help > 0 ? `Breakout rooms, ${help} asking for help` : 'Breakout rooms'}
      title="Breakout rooms"
      data-testid="breakouts-toggle"
      onClick={() => onPanel(open ? null : 'breakouts')}
    >
      Rooms
      {help > 0 && <span className="count-badge">{help}</span>}
    </button>
  );
}
