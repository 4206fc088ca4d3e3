import type { Panel } from '../panels/RoomToolbar';
import { usePollAlert } from './use-poll-alert';

/** Opens the polls panel; a badge counts polls launched or shared while it was closed. */
export function PollsButton({ panel, onPanel }: { panel: Panel; onPanel: (p: Panel) => void }) {
  const open = panel === 'polls';
  const unseen = usePollAlert(open);
  return (
    <button
      type="button"
      className={open ? 'control on' : 'control'}
      aria-pressed={open}
      aria-label={unseen > 0 ? `Polls, ${unseen} new` : 'Polls'}
      title="Polls"
      data-testid="polls-toggle"
      onClick={() => onPanel(open ? null : 'polls')}
    >
      Polls
      {unseen > 0 && <span className="count-badge">{unseen}</span>}
    </button>
  );
}
