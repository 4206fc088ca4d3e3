import { useTranslation } from 'react-i18next';
import { Link } from '../ui/Link';
import type { ExitReason } from './stage';

/** Whether the screen offers Rejoin: only where trying again can work. */
const REJOIN: Record<ExitReason, boolean> = {
  ended: false,
  left: true,
  removed: false,
  denied: false,
  locked: true,
  elsewhere: true,
  lost: true,
  unreachable: true,
};

/** The screen after the room: why you are out, and where to go next. */
export function ExitScreen({ reason, onRejoin }: { reason: ExitReason; onRejoin: () => void }) {
  const { t } = useTranslation('meeting');
  return (
    <main className="exit" data-testid="exit-screen" data-reason={reason}>
      <h1 data-testid={reason === 'ended' ? 'meeting-ended' : undefined}>
        {t(`exit.${reason}.title`)}
      </h1>
      <p>{t(`exit.${reason}.detail`)}</p>
      <div className="actions">
        {REJOIN[reason] && (
          <button type="button" onClick={onRejoin}>
            {t('exit.rejoin')}
          </button>
        )}
        <Link className="button secondary" href="/">
          {t('exit.home')}
        </Link>
      </div>
    </main>
  );
}
