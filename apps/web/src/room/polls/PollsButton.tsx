import { ChartBar } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ControlButton } from '../ControlButton';
import type { Panel } from '../panels/RoomToolbar';
import { usePollAlert } from './use-poll-alert';

/** Opens the polls panel; a badge counts polls launched or shared while it was closed. */
export function PollsButton({ panel, onPanel }: { panel: Panel; onPanel: (p: Panel) => void }) {
  const { t } = useTranslation('polls');
  const open = panel === 'polls';
  const unseen = usePollAlert(open);
  return (
    <ControlButton
      icon={ChartBar}
      label={unseen > 0 ? t('button.labelNew', { count: unseen }) : t('button.label')}
      pressed={open}
      testId="polls-toggle"
      onClick={() => onPanel(open ? null : 'polls')}
    >
      {unseen > 0 && <span className="count-badge">{unseen}</span>}
    </ControlButton>
  );
}
